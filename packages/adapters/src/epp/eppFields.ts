import { Decimal } from '@ksef-connect/core';
import { parseAmount } from '../amounts/parseAmount.js';
import type { EppRow } from './parseEppSections.js';

/** Where `EppFields` records problems (a `DocumentReportBuilder` is one). */
export interface IssueSink {
  error(message: string, field: string | null, line: number | null): void;
  warning(message: string, field: string | null, line: number | null): void;
}

/**
 * Typed reads of one EDI++ record's fields (1-based, as InsERT's tables number them), recording
 * problems as report issues that name the field (`NAGLOWEK.22`) and the line.
 */
export class EppFields {
  constructor(
    readonly row: EppRow,
    /** `INFO`, `NAGLOWEK`, `ZAWARTOSC`, … — the prefix of field names in messages. */
    readonly section: string,
    private readonly sink: IssueSink,
  ) {}

  /** The name used in reports for field `n`. */
  name(n: number): string {
    return `${this.section}.${n}`;
  }

  /** Field `n` as trimmed text ('' when absent). */
  text(n: number): string {
    return (this.row.fields[n - 1] ?? '').trim();
  }

  /** Field `n` as text, or undefined when empty. */
  optionalText(n: number): string | undefined {
    const value = this.text(n);
    return value === '' ? undefined : value;
  }

  /** Logical fields: `1`/`0` as the Jet text driver writes them (also True/False, Prawda/Fałsz). */
  bool(n: number): boolean {
    const value = this.text(n).toLowerCase();
    return value === '1' || value === 'true' || value === 'prawda' || value === '-1';
  }

  /** An integer field (Bajt, Liczba długa), or `fallback` when empty or not a number. */
  integer(n: number, fallback = 0): number {
    const value = this.text(n);
    return /^-?\d{1,9}$/.test(value) ? Number(value) : fallback;
  }

  /**
   * An amount (`Kwota`: dot decimal, no thousands separator, §1.6) as plain decimal text, or
   * undefined when empty. A malformed amount, or one beyond FA's 16 integer digits, is an error.
   */
  amount(n: number, what: string): string | undefined {
    const raw = this.text(n);
    if (raw === '') return undefined;
    const parsed = parseAmount(raw, { decimalSeparator: '.', thousandsSeparator: '' });
    if (!parsed.ok) {
      this.error(n, `${what}: ${parsed.message}`);
      return undefined;
    }
    const integerDigits = parsed.value.replace(/^-/, '').split('.')[0]?.replace(/^0+(?=\d)/, '') ?? '';
    if (integerDigits.length > 16) {
      this.error(n, `${what}: ${raw.slice(0, 30)} is beyond the largest amount FA(3) accepts (16 digits before the point)`);
      return undefined;
    }
    return parsed.value;
  }

  /**
   * A money amount (a value, not a price): EDI++ writes four decimals (`CurrencyDigits=4`, §1.6),
   * FA's `TKwotowy` allows two. Trailing zeros are dropped; other extra digits are rounded half-up
   * with a warning.
   */
  money(n: number, what: string): string | undefined {
    const value = this.amount(n, what);
    if (value === undefined) return undefined;
    const decimal = Decimal.parse(value);
    if (decimal.significantScale() > 2) {
      this.warning(n, `${what}: ${value} has more than 2 decimals: rounded half-up to ${decimal.toFixed(2)}`);
    }
    return decimal.toFixed(2);
  }

  /** A required money amount: an error when empty. */
  requiredMoney(n: number, what: string): string | undefined {
    if (this.text(n) === '') {
      this.error(n, `${what} is missing`);
      return undefined;
    }
    return this.money(n, what);
  }

  /** A required amount: an error when empty. */
  requiredAmount(n: number, what: string): string | undefined {
    if (this.text(n) === '') {
      this.error(n, `${what} is missing`);
      return undefined;
    }
    return this.amount(n, what);
  }

  /** A date (`yyyymmddhhnnss`, §1.1) as `YYYY-MM-DD`, or undefined when empty; an error when malformed. */
  date(n: number, what: string): string | undefined {
    const raw = this.text(n);
    if (raw === '') return undefined;
    const match = /^(\d{4})(\d{2})(\d{2})(\d{6})?$/.exec(raw);
    const iso = match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
    if (!iso || !isCalendarDate(iso)) {
      this.error(n, `${what}: "${raw.slice(0, 20)}" is not a date in the EDI++ form yyyymmddhhnnss`);
      return undefined;
    }
    return iso;
  }

  /** Records an error about field `n` on this record's line. */
  error(n: number, message: string): void {
    this.sink.error(message, this.name(n), this.row.line);
  }

  /** Records a warning about field `n` on this record's line. */
  warning(n: number, message: string): void {
    this.sink.warning(message, this.name(n), this.row.line);
  }
}

function isCalendarDate(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}
