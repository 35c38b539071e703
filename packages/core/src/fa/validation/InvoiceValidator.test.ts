import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../../time/Clock.js';
import { InvoiceValidator } from './InvoiceValidator.js';
import { LibxmlXsdValidator } from './LibxmlXsdValidator.js';
import type { InvoiceValidationResult } from './InvoiceValidationResult.js';

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url)), 'utf8');
const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

// 2026-01-15 13:00 in Warsaw.
const clock: Clock = { now: () => new Date('2026-01-15T12:00:00Z'), sleep: async () => undefined };
const xsd = new LibxmlXsdValidator();
const validator = new InvoiceValidator(xsd, clock);
afterAll(() => xsd.close());

const fa3 = fixture('fa-3-valid.xml');
const fa2 = fixture('fa-2-valid.xml');
const validate = (text: string | Uint8Array, options = {}): InvoiceValidationResult =>
  validator.validate(typeof text === 'string' ? bytes(text) : text, options);
const only = (result: InvoiceValidationResult) => {
  expect(result.valid).toBe(false);
  return result.errors;
};

describe('InvoiceValidator: the official samples, filled', () => {
  it.each([
    ['fa-2-valid.xml', 'FA (2)'],
    ['fa-2-faktura-template-valid.xml', 'FA (2)'],
    ['fa-2-faktura-online-valid.xml', 'FA (2)'],
    ['fa-3-valid.xml', 'FA (3)'],
    ['fa-3-with-attachment-valid.xml', 'FA (3)'],
    ['fa-3-custom-buyer-valid.xml', 'FA (3)'],
    ['fa-3-third-party-valid.xml', 'FA (3)'],
    ['fa-rr-1-valid.xml', 'FA_RR (1)'],
    ['pef-3-valid.xml', 'PEF (3)'],
    ['pef-kor-3-valid.xml', 'PEF_KOR (3)'],
  ])('%s is a valid %s (on TEST, the one environment that takes FA (2))', (name, form) => {
    const result = validate(fixture(name), { env: 'test' });
    expect(result).toEqual({ valid: true, form, errors: [], warnings: [] });
  });

  it('FA (2) is a form error on prod (the default) and demo, with the rest of the document still checked', () => {
    for (const env of [undefined, 'prod', 'demo'] as const) {
      const result = validate(fa2, env === undefined ? {} : { env });
      expect(result.form).toBe('FA (2)');
      expect(only(result)).toEqual([{
        rule: 'form', line: 1, column: null, path: '/Faktura',
        message: `FA (2) is not accepted by KSeF ${(env ?? 'prod').toUpperCase()}: production and demo take FA (3) only; FA (2) is accepted on TEST only. Issue the invoice as FA (3) (\`ksef convert\` writes FA (3)), or send it to TEST.`,
      }]);
    }
    const broken = only(validate(fa2.replace(/<P_2>[^<]*<\/P_2>/, ''), { env: 'demo' }));
    expect(broken.map((e) => e.rule)).toEqual(['form', 'xsd']);
    expect(validate(fa3, { env: 'demo' }).valid).toBe(true);
  });

  it('rejects a Podmiot3 carrying both NIP and IDWew (one XSD choice)', () => {
    const [error] = only(validate(fixture('fa-3-third-party-nip-and-idwew-invalid.xml')));
    expect(error).toMatchObject({ rule: 'xsd', line: 46, column: null, path: '/Faktura/Podmiot3[1]/DaneIdentyfikacyjne/IDWew' });
    expect(error?.message).toBe("Element 'IDWew' is not expected here: expected Nazwa (a required element is missing before it, or the order is wrong).");
  });
});

describe('InvoiceValidator: schema errors', () => {
  it('reports a missing element at the element that follows it, naming the missing one', () => {
    const errors = only(validate(fa3.replace(/<P_2>[^<]*<\/P_2>/, '')));
    expect(errors).toEqual([
      {
        rule: 'xsd', line: 48, column: null, path: '/Faktura/Fa/OkresFa',
        message: "Element 'OkresFa' is not expected here: expected P_2 (a required element is missing before it, or the order is wrong).",
      },
    ]);
  });

  it('reports elements in the wrong order', () => {
    const swapped = fa3.replace(/(<P_1>[^<]*<\/P_1>)(\s*)(<P_1M>[^<]*<\/P_1M>)/, '$3$2$1');
    const errors = only(validate(swapped));
    expect(errors[0]).toMatchObject({ rule: 'xsd', path: '/Faktura/Fa/P_1M', line: 45 });
    expect(errors[0]?.message).toContain("Element 'P_1M' is not expected here: expected P_1");
  });

  it('reports a NIP that breaks the XSD pattern, with the pattern', () => {
    const errors = only(validate(fa3.replace('<NIP>5265877635</NIP>', '<NIP>0123456789</NIP>')));
    expect(errors).toEqual([
      {
        rule: 'xsd', line: 12, column: null, path: '/Faktura/Podmiot1/DaneIdentyfikacyjne/NIP',
        message: "Element 'NIP': the value '0123456789' does not match the required pattern '[1-9]((\\d[1-9])|([1-9]\\d))\\d{7}'.",
      },
    ]);
  });

  it('reports an impossible date', () => {
    const errors = only(validate(fa3.replace('<P_1>2025-09-01</P_1>', '<P_1>2025-13-45</P_1>')));
    expect(errors[0]).toMatchObject({ rule: 'xsd', path: '/Faktura/Fa/P_1', line: 45 });
    expect(errors[0]?.message).toContain("Element 'P_1': '2025-13-45' is not a valid value of the atomic type 'TDataT'");
  });

  it('indexes repeated elements in the path (second invoice line)', () => {
    let n = 0;
    const text = fa3.replace(/<P_12>[^<]*<\/P_12>/g, (m) => (++n === 2 ? '<P_12>99</P_12>' : m));
    const errors = only(validate(text));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rule: 'xsd', path: '/Faktura/Fa/FaWiersz[2]/P_12' });
    expect(errors[0]?.message).toContain("The value '99' is not an element of the set");
  });
});

describe('InvoiceValidator: form detection', () => {
  it('reports an unknown namespace as a form error and stops', () => {
    const result = validate(fa3.replace('xmlns="http://crd.gov.pl/wzor/2025/06/25/13775/"', 'xmlns="http://example.com/invoice"'));
    expect(result.form).toBeNull();
    expect(only(result)).toEqual([
      expect.objectContaining({ rule: 'form', path: '/Faktura', message: expect.stringContaining('Unknown invoice form: root element Faktura in namespace http://example.com/invoice') }),
    ]);
  });

  it('detects FA (2) from its namespace even in an FA (3)-shaped document, and the XSD then fails', () => {
    const result = validate(fa3.replace('xmlns="http://crd.gov.pl/wzor/2025/06/25/13775/"', 'xmlns="http://crd.gov.pl/wzor/2023/06/29/12648/"'), { env: 'test' });
    expect(result.form).toBe('FA (2)');
    expect(result.errors[0]?.rule).toBe('xsd');
  });

  it('with a forced form, reports a document of another form', () => {
    const result = validate(fa2, { form: 'FA (3)' });
    expect(result.form).toBe('FA (3)');
    expect(only(result)).toEqual([
      expect.objectContaining({
        rule: 'form',
        message: 'The document is not FA (3): expected root element Faktura in namespace http://crd.gov.pl/wzor/2025/06/25/13775/, found root element Faktura in namespace http://crd.gov.pl/wzor/2023/06/29/12648/.',
      }),
    ]);
  });

  it('with a forced form that matches, validates as usual', () => {
    expect(validate(fa3, { form: 'FA (3)' }).valid).toBe(true);
  });

  it('detects a prefixed root element', () => {
    const prefixed = fa3
      .replace('xmlns="http://crd.gov.pl/wzor/2025/06/25/13775/"', 'xmlns:fa="http://crd.gov.pl/wzor/2025/06/25/13775/"')
      .replace(/<(\/?)([A-Z][A-Za-z0-9_]*)([ >])/g, '<$1fa:$2$3');
    const result = validate(prefixed);
    expect(result).toEqual({ valid: true, form: 'FA (3)', errors: [], warnings: [] });
  });
});

describe('InvoiceValidator: well-formedness and files that are not invoices', () => {
  it('reports truncated XML with line and column', () => {
    const errors = only(validate(fa3.slice(0, 2000)));
    expect(errors[0]).toMatchObject({ rule: 'xml', line: expect.any(Number), column: expect.any(Number) });
    expect(errors[0]?.message).toMatch(/^Not well-formed XML: Premature end of data in tag/);
  });

  it('reports a mismatched end tag', () => {
    const errors = only(validate(fa3.replace('</Podmiot1>', '</Podmiot1x>')));
    expect(errors[0]).toMatchObject({ rule: 'xml', message: expect.stringContaining('Opening and ending tag mismatch: Podmiot1 line 10 and Podmiot1x') });
  });

  it('reports an empty file', () => {
    expect(only(validate(new Uint8Array(0)))).toEqual([{ rule: 'xml', line: null, column: null, path: null, message: 'The file is empty: expected an XML invoice.' }]);
  });

  it('reports a binary file', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(only(validate(png))).toEqual([expect.objectContaining({ rule: 'xml', message: 'The file is binary (it contains NUL bytes), not an XML invoice.' })]);
  });

  it('reports text that is not UTF-8 (Latin-2 bytes)', () => {
    const latin2 = Buffer.from(fa3.replace('Elektrownia S.A.', 'Elektrownia \u00f3'), 'latin1');
    expect(only(validate(latin2))).toEqual([expect.objectContaining({ rule: 'encoding', message: expect.stringContaining('not valid UTF-8 (invalid byte 0xF3 at byte offset') })]);
  });

  it('refuses a DOCTYPE with an external entity (XXE) without reading the file it names', () => {
    const xxe = fa3
      .replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE Faktura [<!ENTITY e SYSTEM "file:///etc/passwd">]>')
      .replace('SamploFaktur', '&e;');
    const result = validate(xxe);
    expect(only(result)).toEqual([
      { rule: 'xml', line: 2, column: 1, path: null, message: 'The document has a DOCTYPE declaration: DTDs and entities are not allowed in a KSeF invoice and are never resolved.' },
    ]);
    expect(JSON.stringify(result)).not.toContain('root:');
  });

  it('never resolves an external entity even when asked for the XSD alone', () => {
    const xxe = fa3
      .replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE Faktura [<!ENTITY e SYSTEM "file:///etc/passwd">]>')
      .replace('SamploFaktur', '&e;');
    const issues = xsd.validate(bytes(xxe), { ...fa3Schema() });
    expect(issues.length).toBeGreaterThan(0);
    expect(JSON.stringify(issues)).not.toContain('root:');
  });
});

describe('InvoiceValidator: KSeF acceptance rules (faktury/weryfikacja-faktury.md)', () => {
  it('reports a UTF-8 BOM but still validates the rest', () => {
    const result = validate(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes(fa3)]));
    expect(only(result)).toEqual([
      { rule: 'bom', line: 1, column: 1, path: null, message: 'The file starts with a UTF-8 byte order mark (EF BB BF): KSeF requires UTF-8 without BOM.' },
    ]);
    expect(result.form).toBe('FA (3)');
  });

  it('reports a prolog declaring another encoding', () => {
    const result = validate(fa3.replace('encoding="UTF-8"', 'encoding="ISO-8859-2"'));
    expect(only(result)).toEqual([
      { rule: 'encoding', line: 1, column: null, path: null, message: 'The XML declaration names encoding "ISO-8859-2": KSeF requires UTF-8 (declare encoding="UTF-8" or omit it).' },
    ]);
  });

  it('accepts a document without prolog', () => {
    expect(validate(fa3.replace('<?xml version="1.0" encoding="UTF-8"?>\n', '')).valid).toBe(true);
  });

  it('reports a processing instruction, but not one inside a comment or CDATA', () => {
    const text = fa3
      .replace('<Naglowek>', '<?xml-stylesheet type="text/xsl" href="fa.xsl"?><!-- <?not a pi?> --><Naglowek>')
      .replace('Elektrownia S.A.', '<![CDATA[Elektrownia <?x?> S.A.]]>');
    expect(only(validate(text))).toEqual([
      { rule: 'pi', line: 4, column: 2, path: null, message: 'The document contains the processing instruction <?xml-stylesheet ...?>: KSeF rejects processing instructions.' },
    ]);
  });

  it.each([
    ['U+0085 is allowed', '\u0085', null],
    ['U+0080 (C1 control)', '\u0080', 'U+0080'],
    ['U+FDD0 (non-character)', '\ufdd0', 'U+FDD0'],
    ['U+1FFFE (plane-1 non-character)', '\u{1fffe}', 'U+1FFFE'],
    ['U+10FFFF (last non-character)', '\u{10ffff}', 'U+10FFFF'],
    ['U+0001 (C0 control)', '\u0001', 'U+0001'],
  ])('checks discouraged characters: %s', (_, ch, code) => {
    const result = validate(fa3.replace('Elektrownia S.A.', `Elektrownia${ch} S.A.`));
    const charErrors = result.errors.filter((e) => e.rule === 'char');
    if (code === null) {
      expect(result.valid).toBe(true);
    } else {
      expect(charErrors).toEqual([expect.objectContaining({ line: 13, column: 22, message: expect.stringContaining(`Character ${code} is`) })]);
    }
  });

  it('reports an invoice over 1 000 000 bytes', () => {
    const padding = '<DodatkowyOpis><Klucz>k</Klucz><Wartosc>' + 'x'.repeat(250) + '</Wartosc></DodatkowyOpis>\n';
    const big = fa3.replace('<FaWiersz>', padding.repeat(3500) + '<FaWiersz>');
    expect(Buffer.byteLength(big)).toBeGreaterThan(1_000_000);
    const errors = only(validate(big));
    expect(errors).toContainEqual(expect.objectContaining({ rule: 'size', message: expect.stringMatching(/^The invoice is \d+ bytes: KSeF accepts at most 1000000 bytes for an invoice without attachments/) }));
  });

  it('allows up to 3 000 000 bytes with Zalacznik', () => {
    const attachment = fixture('fa-3-with-attachment-valid.xml');
    const padding = '<DodatkowyOpis><Klucz>k</Klucz><Wartosc>' + 'x'.repeat(250) + '</Wartosc></DodatkowyOpis>\n';
    const big = attachment.replace('<FaWiersz>', padding.repeat(3500) + '<FaWiersz>');
    expect(Buffer.byteLength(big)).toBeGreaterThan(1_000_000);
    expect(validate(big).errors.filter((e) => e.rule === 'size')).toEqual([]);
  });

  it('reports P_1 after today in Warsaw, and accepts today', () => {
    expect(validate(fa3.replace('<P_1>2025-09-01</P_1>', '<P_1>2026-01-15</P_1>')).valid).toBe(true);
    expect(only(validate(fa3.replace('<P_1>2025-09-01</P_1>', '<P_1>2026-01-16</P_1>')))).toEqual([
      {
        rule: 'p1-future', line: 45, column: 3, path: '/Faktura/Fa/P_1',
        message: 'P_1 (issue date) 2026-01-16 is after today (2026-01-15 in Poland): KSeF rejects invoices issued in the future.',
      },
    ]);
  });

  it('uses the Polish date, not UTC: 23:30 UTC on 15 January is already the 16th in Warsaw', () => {
    const text = fa3.replace('<P_1>2025-09-01</P_1>', '<P_1>2026-01-16</P_1>');
    expect(validate(text, { now: new Date('2026-01-15T23:30:00Z') }).valid).toBe(true);
    expect(validate(text, { now: new Date('2026-01-15T22:30:00Z') }).valid).toBe(false);
  });

  it('reports a bad NIP check digit as an error on production and a warning on test/demo', () => {
    const text = fa3.replace('<NIP>1111111111</NIP>', '<NIP>1111111112</NIP>');
    const prod = validate(text);
    expect(only(prod)).toEqual([
      { rule: 'nip', line: 27, column: 4, path: '/Faktura/Podmiot2/DaneIdentyfikacyjne/NIP', message: 'NIP 1111111112 of Podmiot2 (buyer) has a wrong check digit: KSeF production rejects it.' },
    ]);
    for (const env of ['test', 'demo'] as const) {
      const result = validate(text, { env });
      expect(result.valid).toBe(true);
      expect(result.warnings).toEqual([expect.objectContaining({ rule: 'nip', message: 'NIP 1111111112 of Podmiot2 (buyer) has a wrong check digit: KSeF checks this on production only, so the test and demo environments accept it.' })]);
    }
  });

  it('checks the NIP part of a Podmiot3 IDWew', () => {
    const text = fixture('fa-3-third-party-valid.xml').replace('<NIP>7740001454</NIP>', '<IDWew>7740001455-00001</IDWew>');
    expect(only(validate(text))).toEqual([
      expect.objectContaining({ rule: 'nip', path: '/Faktura/Podmiot3/DaneIdentyfikacyjne/IDWew', message: 'The NIP part 7740001455 of IDWew 7740001455-00001 of Podmiot3 (third party) has a wrong check digit: KSeF production rejects it.' }),
    ]);
  });

  it('checks the seller NIP of FA_RR too', () => {
    const text = fixture('fa-rr-1-valid.xml').replace('<NIP>5265877635</NIP>', '<NIP>5265877636</NIP>');
    expect(only(validate(text))).toEqual([expect.objectContaining({ rule: 'nip', path: '/Faktura/Podmiot1/DaneIdentyfikacyjne/NIP' })]);
  });
});

function fa3Schema() {
  return { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA', rootElement: 'Faktura', batch: true, namespace: 'http://crd.gov.pl/wzor/2025/06/25/13775/', xsdPath: fileURLToPath(new URL('../../../../spec/schemas/fa/schemat_FA(3)_v1-0E.xsd', import.meta.url)) } as const;
}
