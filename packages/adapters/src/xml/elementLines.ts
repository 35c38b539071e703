/**
 * 1-based lines where each `<name>` start tag (with any namespace prefix) begins, in document order:
 * the XML parser keeps no positions, and the report points at the source line of each element.
 * `name` is a plain element name (letters, digits, `_`, `.`, `-`).
 */
export function elementLines(text: string, name: string): number[] {
  const lines: number[] = [];
  const pattern = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}[\\s>/]`, 'g');
  let line = 1;
  let scanned = 0;
  for (const match of text.matchAll(pattern)) {
    for (let i = scanned; i < match.index; i++) if (text.charCodeAt(i) === 10) line++;
    scanned = match.index;
    lines.push(line);
  }
  return lines;
}
