/**
 * Rewrites a libxml2 schema-validity message into plain English: `{namespace}Name` becomes `Name`,
 * and the most common messages (unexpected element, missing child, pattern) say what was expected.
 */
export function xsdIssueMessage(raw: string): string {
  // Only `{scheme:...}` is a namespace; a pattern's `{7}` quantifier stays.
  const text = raw.replace(/\{[a-z][a-z0-9+.-]*:[^{}\s]*\}/gi, '').trim();
  let m = /^Element '([^']+)': This element is not expected\. Expected is (?:one of )?\( (.+) \)\.$/s.exec(text);
  if (m) {
    return `Element '${m[1]}' is not expected here: expected ${orList(m[2] ?? '')} (a required element is missing before it, or the order is wrong).`;
  }
  m = /^Element '([^']+)': This element is not expected\.$/s.exec(text);
  if (m) return `Element '${m[1]}' is not expected here (it is not allowed at this place, or appears too often).`;
  m = /^Element '([^']+)': Missing child element\(s\)\. Expected is (?:one of )?\( (.+) \)\.$/s.exec(text);
  if (m) return `Element '${m[1]}' is incomplete: missing child element ${orList(m[2] ?? '')}.`;
  m = /^Element '([^']+)': \[facet 'pattern'\] The value '(.*)' is not accepted by the pattern '(.*)'\.$/s.exec(text);
  if (m) return `Element '${m[1]}': the value '${m[2]}' does not match the required pattern '${m[3]}'.`;
  m = /^Element '([^']+)': No matching global declaration available for the validation root\.$/s.exec(text);
  if (m) return `Root element '${m[1]}' is not declared by this schema.`;
  return text;
}

function orList(list: string): string {
  const names = list.split(',').map((n) => n.trim()).filter((n) => n.length > 0);
  return names.length <= 1 ? (names[0] ?? list) : `one of ${names.join(', ')}`;
}
