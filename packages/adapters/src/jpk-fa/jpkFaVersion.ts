/** The JPK_FA variants this adapter reads. */
export type JpkFaVersion = 'JPK_FA (4)' | 'JPK_FA (3)';

/** Target namespaces of the two schemas (Schemat_JPK_FA(4)_v1-0.xsd, Schemat_JPK_FA(3)_v1-0.xsd). */
export const jpkFaNamespaces: Readonly<Record<JpkFaVersion, string>> = {
  'JPK_FA (4)': 'http://jpk.mf.gov.pl/wzor/2022/02/17/02171/',
  'JPK_FA (3)': 'http://jpk.mf.gov.pl/wzor/2019/09/27/09271/',
};

/**
 * The JPK_FA variant of a document, from the namespace its root element declares (the parser drops
 * prefixes, so the raw text is read), else from `KodFormularza/@kodSystemowy`; undefined when neither
 * names a known variant.
 */
export function jpkFaVersion(text: string, kodSystemowy: string | undefined): JpkFaVersion | undefined {
  const root = /<([A-Za-z_][\w.-]*:)?JPK\b[^>]*>/.exec(text)?.[0] ?? '';
  for (const [version, namespace] of Object.entries(jpkFaNamespaces) as [JpkFaVersion, string][]) {
    if (root.includes(`"${namespace}"`) || root.includes(`'${namespace}'`)) return version;
  }
  const code = (kodSystemowy ?? '').replace(/\s+/g, ' ').trim();
  if (code === 'JPK_FA (4)' || code === 'JPK_FA (3)') return code;
  return undefined;
}
