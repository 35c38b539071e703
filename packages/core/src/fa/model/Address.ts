/**
 * An address as FA writes it (`TAdres`): country code and one or two free lines. Polish addresses
 * use `countryCode: 'PL'`, street in `line1`, postal code and town in `line2` (see `polishAddress`).
 */
export interface Address {
  /** ISO 3166 alpha-2 (`KodKraju`), e.g. `PL`, `DE`. */
  readonly countryCode: string;
  /** `AdresL1`, up to 512 characters. */
  readonly line1: string;
  /** `AdresL2`. */
  readonly line2?: string;
  /** Global Location Number (`GLN`). */
  readonly gln?: string;
}
