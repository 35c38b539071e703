/** What `--json` prints instead of a document that would still show a secret after scrubbing. */
const withheld = { error: { code: 'output.withheld', message: 'The output was withheld because it contained a secret (a KSeF token or passphrase).' } };

/**
 * Removes `values` from one JSON document (`--json` output) without ever breaking it: each string
 * (key or value) that contains a secret gets `[redacted]` in its place and the document is
 * serialised again; a document without secrets is returned byte for byte. Textual replacement on
 * the serialised text is never done: a secret may be spelt with JSON escapes there, and replacing
 * characters outside string values could change numbers, `null` or the structure itself. When the
 * text is not JSON, or a secret would still show (in a number), the whole document is replaced by
 * an `output.withheld` error.
 */
export function scrubJsonOutput(text: string, values: readonly string[]): string {
  if (values.length === 0) return text;
  // Without a backslash every JSON string reads exactly as it is spelt, so a secret in none of the
  // text is in none of its strings: the document stays byte for byte, as below, without parsing and
  // rebuilding it (a `ksef send --json` report of 10 000 invoices is megabytes).
  if (!text.includes('\\') && !values.some((v) => text.includes(v))) return text;
  const newline = text.endsWith('\n') ? '\n' : '';
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return values.some((v) => text.includes(v)) ? `${JSON.stringify(withheld)}${newline}` : text;
  }
  let changed = false;
  const scrubString = (value: string): string => {
    let result = value;
    for (const secret of values) result = result.split(secret).join('[redacted]');
    if (result !== value) changed = true;
    return result;
  };
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') return scrubString(value);
    if (Array.isArray(value)) return value.map(scrub);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrubString(k), scrub(v)]));
    return value;
  };
  const scrubbed = scrub(document);
  const result = changed ? JSON.stringify(scrubbed) : text.slice(0, text.length - newline.length);
  return values.some((v) => result.includes(v)) ? `${JSON.stringify(withheld)}${newline}` : `${result}${newline}`;
}
