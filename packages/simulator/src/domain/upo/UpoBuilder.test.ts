import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { upoSchema } from '@ksef-connect/spec';
import { sha256Base64 } from '../crypto/sha256Base64.js';
import { SchemaValidator } from '../xml/SchemaValidator.js';
import { UpoBuilder, type UpoDocument, type UpoSessionInfo } from './UpoBuilder.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sim-upo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Validates with the xmllint CLI — a second, independent validator. */
function xmllintValid(xml: string): boolean {
  const file = path.join(dir, `upo-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', upoSchema.path, file], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

const session: UpoSessionInfo = {
  sessionReferenceNumber: '20250916-SO-2C3E6C8000-B675CF5D68-07',
  context: { type: 'Nip', value: '5265877635' },
  authentication: { signedDocumentHash: 'kyqH+QUgP8ATWd/95IY632mP4uqibwG66Oqclq9+qno=' },
  formCode: { systemCode: 'FA (3)', schemaVersion: '1-0E' },
};

function doc(i: number): UpoDocument {
  return {
    sellerNip: '5265877635',
    ksefNumber: '5265877635-20250916-010040741B3E-46',
    invoiceNumber: `FA/<&>/${i}`,
    issueDate: '2025-09-16',
    sentAt: new Date('2025-09-16T09:02:41.584Z'),
    ksefNumberAssignedAt: new Date('2025-09-16T09:02:42.084Z'),
    invoiceHash: 'jli86Kp2Kw7jppX59P8VmjWRcwLTvsPK3DcPEB87mNk=',
    mode: 'Online',
  };
}

describe('UpoBuilder', () => {
  const validator = SchemaValidator.forXsd(upoSchema.path);

  it('renders an invoice UPO that both libxml2-wasm and xmllint accept, in the examples\' layout', () => {
    const upo = new UpoBuilder().invoiceUpo(session, doc(1));
    expect(validator.validate(upo.bytes)).toEqual({ valid: true });
    expect(xmllintValid(upo.xml)).toBe(true);
    expect(upo.xml).toContain('<NazwaStrukturyLogicznej>Schemat_FA(3)_v1-0E.xsd</NazwaStrukturyLogicznej>');
    expect(upo.xml).toContain('<KodFormularza>FA (3)</KodFormularza>');
    expect(upo.xml).toContain('<DataPrzeslaniaDokumentu>2025-09-16T11:02:41.584+02:00</DataPrzeslaniaDokumentu>');
    expect(upo.xml).toContain('<NumerFaktury>FA/&lt;&amp;&gt;/1</NumerFaktury>');
    expect(upo.xml).not.toContain('OpisPotwierdzenia');
    expect(upo.sha256Base64).toBe(sha256Base64(upo.bytes));
  });

  it('pages the session UPO and describes each page', () => {
    const token: UpoSessionInfo = { ...session, context: { type: 'InternalId', value: '5265877635-12345' }, authentication: { ksefTokenReferenceNumber: '20250819-EC-1ECDD12000-5EE71AE5E3-B7' } };
    const docs = Array.from({ length: 5 }, (_, i) => ({ ...doc(i), ksefNumber: `5265877635-20250916-01004074${String(i).padStart(4, '0')}-46` }));
    const pages = new UpoBuilder({ pageSize: 2 }).sessionUpoPages(token, docs);
    expect(pages).toHaveLength(3);
    for (const page of pages) {
      expect(validator.validate(page.bytes)).toEqual({ valid: true });
      expect(xmllintValid(page.xml)).toBe(true);
    }
    expect(pages[2]?.xml).toContain('<Strona>3</Strona>');
    expect(pages[2]?.xml).toContain('<ZakresDokumentowOd>5</ZakresDokumentowOd>');
    expect(pages[2]?.xml).toContain('<ZakresDokumentowDo>5</ZakresDokumentowDo>');
    expect(pages[2]?.xml).toContain('<CalkowitaLiczbaDokumentow>5</CalkowitaLiczbaDokumentow>');
    expect(pages[0]?.xml).toContain('<IdWewnetrzny>5265877635-12345</IdWewnetrzny>');
    expect(pages[0]?.xml).toContain('<NumerReferencyjnyTokenaKSeF>');
    expect(new UpoBuilder().sessionUpoPages(session, [])).toEqual([]);
    expect(() => new UpoBuilder({ pageSize: 10_001 })).toThrow(RangeError);
  });

  it('can use the TE receiver name, which (like the real TE UPO) breaks the XSD fixed value', () => {
    const upo = new UpoBuilder({ receiverName: 'Ministerstwo Finansów - środowisko testowe (TE)' }).invoiceUpo(session, doc(1));
    expect(upo.xml).toContain('Ministerstwo Finansów - środowisko testowe (TE)');
    expect(validator.validate(upo.bytes).valid).toBe(false);
    expect(xmllintValid(upo.xml)).toBe(false);
  });
});
