import type { Correction } from '@ksef-connect/core';
import type { EppRow } from './parseEppSections.js';
import type { EppContractor } from './eppParties.js';

/** A product from the `TOWARY` register (Tabela 17) with its CN (Tabela 33) and GTU (Tabela 34) codes. */
export interface EppProduct {
  readonly name: string;
  readonly pkwiu?: string;
  readonly cn?: string;
  readonly gtu?: string;
}

/**
 * Lookups into the register sections of an EDI++ file ("Komunikacja EDI++" §1.4): products by code,
 * contractors by code, and the per-document registers keyed by the full document number.
 */
export class EppRegisters {
  readonly #products = new Map<string, EppProduct>();
  readonly #contractors = new Map<string, EppContractor>();
  readonly #reasons = new Map<string, string>();
  readonly #effects = new Map<string, NonNullable<Correction['effect']>>();
  readonly #splitPayment = new Map<string, boolean>();
  readonly #completion = new Map<string, string>();
  readonly #buyerNips = new Map<string, string>();
  /** Register keywords present in the file that no mapping reads. */
  readonly unused: string[] = [];

  constructor(registers: ReadonlyMap<string, readonly EppRow[]>) {
    const field = (row: EppRow, n: number): string => (row.fields[n - 1] ?? '').trim();
    const yes = (row: EppRow, n: number): boolean => ['1', 'true', 'prawda', '-1'].includes(field(row, n).toLowerCase());
    const cn = new Map<string, string>();
    for (const row of registers.get('TOWARYKODYCN') ?? []) cn.set(field(row, 1), field(row, 2));
    const gtu = new Map<string, string>();
    for (const row of registers.get('TOWARYGRUPYJPKVAT') ?? []) {
      for (let k = 2; k <= 14; k++) {
        if (yes(row, k)) {
          gtu.set(field(row, 1), `GTU_${String(k - 1).padStart(2, '0')}`);
          break;
        }
      }
    }
    for (const row of registers.get('TOWARY') ?? []) {
      const code = field(row, 2);
      const name = field(row, 5) || field(row, 7);
      this.#products.set(code, {
        name: name === '' ? code : name,
        ...(field(row, 9) === '' ? {} : { pkwiu: field(row, 9) }),
        ...(cn.get(code) ? { cn: cn.get(code) } : {}),
        ...(gtu.get(code) ? { gtu: gtu.get(code) } : {}),
      });
    }
    for (const row of registers.get('KONTRAHENCI') ?? []) {
      const iso = field(row, 31);
      this.#contractors.set(field(row, 2), {
        ...(/^[A-Za-z]{2}$/.test(iso) ? { isoCountry: iso.toUpperCase() } : {}),
        ...(field(row, 13) === '' ? {} : { email: field(row, 13) }),
        ...(field(row, 10) === '' ? {} : { phone: field(row, 10) }),
      });
    }
    for (const row of registers.get('PRZYCZYNYKOREKT') ?? []) {
      // One reason per corrected item; FA(3) has one PrzyczynaKorekty per invoice: join distinct ones.
      const doc = field(row, 1);
      const reason = field(row, 3);
      if (reason === '') continue;
      const prior = this.#reasons.get(doc);
      if (prior === undefined) this.#reasons.set(doc, reason);
      else if (!prior.split('; ').includes(reason)) this.#reasons.set(doc, `${prior}; ${reason}`);
    }
    const effects: Record<string, NonNullable<Correction['effect']>> = { '1': 'original-date', '2': 'correction-date', '3': 'other-date' };
    for (const row of registers.get('DATYUJECIAKOREKT') ?? []) {
      const effect = effects[field(row, 2)];
      if (effect) this.#effects.set(field(row, 1), effect);
    }
    for (const row of registers.get('WYMAGALNOSCMPP') ?? []) this.#splitPayment.set(field(row, 1), yes(row, 2));
    for (const row of registers.get('DATYZAKONCZENIA') ?? []) {
      const match = /^(\d{4})(\d{2})(\d{2})/.exec(field(row, 2));
      if (match) this.#completion.set(field(row, 1), `${match[1]}-${match[2]}-${match[3]}`);
    }
    for (const row of registers.get('NUMERYIDENTYFIKACYJNENABYWCOW') ?? []) {
      if (field(row, 2) === '1' && field(row, 3) !== '') this.#buyerNips.set(field(row, 1), field(row, 3));
    }
    const read = new Set(['TOWARY', 'TOWARYKODYCN', 'TOWARYGRUPYJPKVAT', 'KONTRAHENCI', 'PRZYCZYNYKOREKT', 'DATYUJECIAKOREKT', 'WYMAGALNOSCMPP', 'DATYZAKONCZENIA', 'NUMERYIDENTYFIKACYJNENABYWCOW']);
    for (const keyword of registers.keys()) if (!read.has(keyword)) this.unused.push(keyword);
  }

  product(code: string): EppProduct | undefined {
    return this.#products.get(code);
  }

  contractor(code: string): EppContractor | undefined {
    return this.#contractors.get(code);
  }

  correctionReason(documentNumber: string): string | undefined {
    return this.#reasons.get(documentNumber);
  }

  correctionEffect(documentNumber: string): Correction['effect'] | undefined {
    return this.#effects.get(documentNumber);
  }

  splitPayment(documentNumber: string): boolean | undefined {
    return this.#splitPayment.get(documentNumber);
  }

  completionDate(documentNumber: string): string | undefined {
    return this.#completion.get(documentNumber);
  }

  buyerNip(documentNumber: string): string | undefined {
    return this.#buyerNips.get(documentNumber);
  }
}
