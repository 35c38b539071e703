import type { Address } from './Address.js';

/** The parts of a Polish postal address. */
export interface PolishAddressParts {
  readonly street: string;
  readonly building: string;
  readonly flat?: string;
  /** `NN-NNN`. */
  readonly postalCode: string;
  readonly city: string;
}

/** Builds the `Address` of a Polish address: `ul. Polna 1 m. 2` / `00-001 Warszawa`. */
export function polishAddress(parts: PolishAddressParts): Address {
  const flat = parts.flat ? ` m. ${parts.flat}` : '';
  return {
    countryCode: 'PL',
    line1: `${parts.street} ${parts.building}${flat}`,
    line2: `${parts.postalCode} ${parts.city}`,
  };
}
