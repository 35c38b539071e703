/**
 * An exact decimal number: a BigInt of units and a scale (digits after the point). Invoice amounts
 * never touch JavaScript floats: `0.1 + 0.2` would render as `0.30000000000000004` and fail the
 * XSD's `TKwotowy` pattern (research/deps.md §3), and float rounding of half-cents is not half-up.
 */
export class Decimal {
  private constructor(
    /** The value times 10^scale. */
    readonly units: bigint,
    /** Digits after the decimal point. */
    readonly scale: number,
  ) {}

  /** Zero, at scale 0. */
  static readonly zero = new Decimal(0n, 0);

  /**
   * Parses a plain decimal string: optional sign, digits, optional `.` and digits (`-1234.5`,
   * `0.000001`). No exponents, no thousands separators, no comma: adapters normalise those first.
   */
  static parse(text: string): Decimal {
    const match = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text);
    if (!match) throw new RangeError(`not a plain decimal number: "${text.slice(0, 40)}"`);
    const fraction = match[3] ?? '';
    const units = BigInt((match[2] ?? '0') + fraction);
    return new Decimal(match[1] === '-' ? -units : units, fraction.length);
  }

  /** True when `text` is something `parse` accepts. */
  static isDecimal(text: string): boolean {
    return /^[+-]?\d+(?:\.\d+)?$/.test(text);
  }

  /** An integer value. */
  static of(value: bigint): Decimal {
    return new Decimal(value, 0);
  }

  private rescale(scale: number): bigint {
    return this.units * 10n ** BigInt(scale - this.scale);
  }

  private static align(a: Decimal, b: Decimal): [bigint, bigint, number] {
    const scale = Math.max(a.scale, b.scale);
    return [a.rescale(scale), b.rescale(scale), scale];
  }

  /** this + other, exactly. */
  add(other: Decimal): Decimal {
    const [a, b, scale] = Decimal.align(this, other);
    return new Decimal(a + b, scale);
  }

  /** this − other, exactly. */
  sub(other: Decimal): Decimal {
    const [a, b, scale] = Decimal.align(this, other);
    return new Decimal(a - b, scale);
  }

  /** this × other, exactly (the scales add up). */
  mul(other: Decimal): Decimal {
    return new Decimal(this.units * other.units, this.scale + other.scale);
  }

  /** −this. */
  neg(): Decimal {
    return new Decimal(-this.units, this.scale);
  }

  /** |this|. */
  abs(): Decimal {
    return this.units < 0n ? this.neg() : this;
  }

  /** this ÷ other, rounded half-up (away from zero on an exact half) to `scale` digits. */
  div(other: Decimal, scale: number): Decimal {
    if (other.units === 0n) throw new RangeError('division by zero');
    // this/other = (tu / 10^ts) / (ou / 10^os); scaled by 10^scale: tu * 10^(os+scale) / (ou * 10^ts)
    const numerator = this.units * 10n ** BigInt(other.scale + scale);
    const denominator = other.units * 10n ** BigInt(this.scale);
    return new Decimal(divideHalfUp(numerator, denominator), scale);
  }

  /** Rounded half-up (away from zero on an exact half, as Polish VAT rounding rules require) to `scale` digits. */
  round(scale: number): Decimal {
    if (scale >= this.scale) return new Decimal(this.rescale(scale), scale);
    return new Decimal(divideHalfUp(this.units, 10n ** BigInt(this.scale - scale)), scale);
  }

  /** −1, 0 or 1 as this is less than, equal to or greater than `other`. */
  compare(other: Decimal): -1 | 0 | 1 {
    const [a, b] = Decimal.align(this, other);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** True when the value is zero. */
  isZero(): boolean {
    return this.units === 0n;
  }

  /** True when the value is below zero. */
  isNegative(): boolean {
    return this.units < 0n;
  }

  /** Digits after the point once trailing zeros are dropped. */
  significantScale(): number {
    let units = this.units;
    let scale = this.scale;
    while (scale > 0 && units % 10n === 0n) {
      units /= 10n;
      scale--;
    }
    return scale;
  }

  /** Fixed-point text with exactly `scale` digits after the point (rounded half-up); `-0.00` never appears. */
  toFixed(scale: number): string {
    const units = this.round(scale).units;
    const negative = units < 0n;
    const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
    const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    return negative ? `-${text}` : text;
  }

  /** The shortest exact text: no trailing zeros after the point, no point for integers. */
  toString(): string {
    return this.toFixed(this.significantScale());
  }
}

/** Integer division rounding half away from zero. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let quotient = n / d;
  if ((n % d) * 2n >= d) quotient += 1n;
  return negative ? -quotient : quotient;
}
