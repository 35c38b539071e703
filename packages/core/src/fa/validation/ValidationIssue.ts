/**
 * Which check found an issue: `io` unreadable file, `xml` not well-formed (or a DOCTYPE), `form`
 * unknown or unexpected root element or a form the environment does not take (FA(2) outside
 * TEST, `srodowiska.md`), `xsd` schema validity, and the KSeF acceptance rules of
 * `faktury/weryfikacja-faktury.md`: `bom`, `encoding`, `pi`, `char`, `size`, `p1-future`, `nip`.
 */
export type ValidationRule = 'io' | 'xml' | 'form' | 'xsd' | 'bom' | 'encoding' | 'pi' | 'char' | 'size' | 'p1-future' | 'nip';

/** One error or warning about an invoice; `null` where the position is not known. */
export interface ValidationIssue {
  /** 1-based line. */
  readonly line: number | null;
  /** 1-based column; libxml2 reports none for schema-validity errors. */
  readonly column: number | null;
  /** XPath-like location with local names, e.g. `/Faktura/Fa/FaWiersz[2]/P_12`. */
  readonly path: string | null;
  /** Plain-English description: which element, what was expected. */
  readonly message: string;
  readonly rule: ValidationRule;
}
