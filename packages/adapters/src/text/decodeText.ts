import type { ReportIssue } from '../MappingReport.js';

/** How to read an input's bytes as text. */
export interface DecodeTextOptions {
  /** A forced encoding label (`windows-1250`, `utf-8`, `iso-8859-2`, …): no detection. */
  readonly encoding?: string;
  /** Used when the bytes have no BOM and are not valid UTF-8; default `windows-1250`. */
  readonly fallback?: string;
}

/** The decoded text, the encoding used, and what the caller should report about it. */
export interface DecodedText {
  /** The text without any byte-order mark. */
  readonly text: string;
  /** The WHATWG name of the encoding used (`utf-8`, `utf-16le`, `utf-16be`, `windows-1250`, …). */
  readonly encoding: string;
  /** How the encoding was chosen. */
  readonly source: 'forced' | 'bom' | 'utf-8-valid' | 'fallback';
  /** Warnings for the mapping report (never errors: text is always produced). */
  readonly issues: readonly ReportIssue[];
}

/** The WHATWG encoding name for a label, or undefined when this runtime does not know it. */
export function encodingName(label: string): string | undefined {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}

/**
 * Decodes an input whose encoding may be unknown: a forced encoding wins; else a BOM decides (UTF-8,
 * UTF-16LE/BE); else bytes that are valid UTF-8 are UTF-8; else the fallback (windows-1250, what
 * Polish ERPs such as Subiekt GT export). Never throws: an unknown forced label falls back to
 * detection with a warning, and undecodable bytes become U+FFFD.
 */
export function decodeText(bytes: Uint8Array, options: DecodeTextOptions = {}): DecodedText {
  const issues: ReportIssue[] = [];
  if (options.encoding !== undefined) {
    const forced = encodingName(options.encoding);
    if (forced !== undefined) {
      const start = bomLength(bytes, forced);
      const text = new TextDecoder(forced, { ignoreBOM: true }).decode(bytes.subarray(start));
      if (forced === 'utf-8' && !isValidUtf8(bytes.subarray(start))) {
        issues.push(invalidUtf8Issue(bytes.subarray(start), 'the input was read as UTF-8 as requested, but it is not valid UTF-8: the invalid bytes became U+FFFD'));
      } else if (forced !== 'utf-8' && !forced.startsWith('utf-16') && hasMultibyteUtf8(bytes.subarray(start))) {
        // Valid multi-byte UTF-8 is almost never a real single-byte text: "Å¼" instead of "ż" follows.
        issues.push({
          severity: 'warning',
          message: `the input was read as ${forced} as requested, but it looks like UTF-8 (valid multi-byte sequences): check the characters, or drop the forced encoding`,
          field: null,
          line: null,
        });
      }
      return { text, encoding: forced, source: 'forced', issues };
    }
    issues.push({
      severity: 'warning',
      message: `unknown encoding "${options.encoding}": the encoding was detected instead`,
      field: null,
      line: null,
    });
  }
  const bom = detectBom(bytes);
  if (bom !== undefined) {
    const text = new TextDecoder(bom.encoding, { ignoreBOM: true }).decode(bytes.subarray(bom.length));
    return { text, encoding: bom.encoding, source: 'bom', issues };
  }
  if (isValidUtf8(bytes)) {
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', source: 'utf-8-valid', issues };
  }
  const fallback = encodingName(options.fallback ?? 'windows-1250') ?? 'windows-1250';
  issues.push(invalidUtf8Issue(bytes, `the input is not valid UTF-8 and has no byte-order mark: read as ${fallback}`));
  return { text: new TextDecoder(fallback).decode(bytes), encoding: fallback, source: 'fallback', issues };
}

function detectBom(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

function bomLength(bytes: Uint8Array, encoding: string): number {
  const bom = detectBom(bytes);
  return bom !== undefined && bom.encoding === encoding ? bom.length : 0;
}

/** True for valid UTF-8 that contains at least one multi-byte sequence (not plain ASCII). */
function hasMultibyteUtf8(bytes: Uint8Array): boolean {
  return bytes.some((b) => b >= 0x80) && isValidUtf8(bytes);
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A warning naming the line of the first byte that is not valid UTF-8. */
function invalidUtf8Issue(bytes: Uint8Array, message: string): ReportIssue {
  const offset = firstInvalidUtf8Offset(bytes);
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return { severity: 'warning', message: `${message} (first invalid byte at offset ${offset})`, field: null, line };
}

/** The offset of the first byte that breaks UTF-8 (a linear scan of the lead/continuation bytes). */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return bytes.length;
}
