/**
 * An amount or quantity as plain decimal text: optional `-`, digits, optional `.` and digits
 * (`"1234.56"`, `"-0.5"`, `"3"`). Never a JS number: adapters pass the source's digits through
 * unchanged, and `Decimal.parse` does the arithmetic. No exponent, no comma, no spaces.
 */
export type DecimalString = string;

/** A calendar date as `YYYY-MM-DD` (the XSD's `TDataT`: 2006-01-01 … 2050-01-01). */
export type IsoDate = string;
