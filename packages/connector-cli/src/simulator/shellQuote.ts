/** Characters a POSIX shell reads literally in an unquoted word. */
const plainWord = /^[A-Za-z0-9_/.:@%+=,-]+$/;

/**
 * `value` as one POSIX shell word: unchanged when every character is literal, else in single quotes
 * (a `'` inside becomes `'\''`). `always` quotes plain words too, e.g. a token that should look
 * the same whatever it holds.
 */
export function shellQuote(value: string, options: { always?: boolean } = {}): string {
  if (options.always !== true && plainWord.test(value)) return value;
  return `'${value.replaceAll("'", "'\\''")}'`;
}
