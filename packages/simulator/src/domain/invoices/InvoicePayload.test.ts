import { opensslAesEncrypt, randomSessionKey } from '../__fixtures__/openssl.js';
import { sha256Base64 } from '../crypto/sha256Base64.js';
import { openInvoicePayload, type DeclaredInvoicePayload } from './InvoicePayload.js';

const xml = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Faktura>zażółć</Faktura>', 'utf8');

function declare(plain: Buffer, encrypted: Buffer): DeclaredInvoicePayload {
  return { invoiceHash: sha256Base64(plain), invoiceSize: plain.length, encryptedInvoiceHash: sha256Base64(encrypted), encryptedInvoiceSize: encrypted.length };
}

describe('openInvoicePayload', () => {
  const sessionKey = randomSessionKey();
  const encrypted = opensslAesEncrypt(sessionKey.key, sessionKey.iv, xml);

  it('decrypts an openssl-encrypted invoice whose hashes and sizes match', () => {
    const result = openInvoicePayload(encrypted, declare(xml, encrypted), sessionKey);
    expect(result.ok && result.plaintext.equals(xml)).toBe(true);
    expect(encrypted.length).toBe(Math.ceil((xml.length + 1) / 16) * 16); // no IV prefix
  });

  it('maps ciphertext size and hash mismatches to 21402 and 21403', () => {
    const sizeOff = openInvoicePayload(encrypted, { ...declare(xml, encrypted), encryptedInvoiceSize: encrypted.length + 16 }, sessionKey);
    expect(!sizeOff.ok && sizeOff.problem).toMatchObject({ kind: 'encryptedSizeMismatch', exceptionCode: 21402 });
    const hashOff = openInvoicePayload(encrypted, { ...declare(xml, encrypted), encryptedInvoiceHash: sha256Base64('x') }, sessionKey);
    expect(!hashOff.ok && hashOff.problem).toMatchObject({ kind: 'encryptedHashMismatch', exceptionCode: 21403 });
  });

  it('maps plaintext size and hash mismatches to 21402 and 21403', () => {
    const sizeOff = openInvoicePayload(encrypted, { ...declare(xml, encrypted), invoiceSize: xml.length - 1 }, sessionKey);
    expect(!sizeOff.ok && sizeOff.problem).toMatchObject({ kind: 'sizeMismatch', exceptionCode: 21402 });
    const hashOff = openInvoicePayload(encrypted, { ...declare(xml, encrypted), invoiceHash: sha256Base64('other') }, sessionKey);
    expect(!hashOff.ok && hashOff.problem).toMatchObject({ kind: 'hashMismatch', exceptionCode: 21403 });
  });

  it('reports bad padding as invoice status 435', () => {
    // 32 bytes encrypted without padding: the last block is not valid PKCS#7 (barring a 1/256 fluke, so fix the data)
    const raw = opensslAesEncrypt(sessionKey.key, sessionKey.iv, Buffer.alloc(32, 0x41), { noPadding: true });
    const result = openInvoicePayload(raw, declare(Buffer.alloc(32, 0x41), raw), sessionKey);
    expect(!result.ok && result.problem).toMatchObject({ kind: 'decryptionFailed', invoiceStatusCode: 435 });
    const wrongKey = randomSessionKey();
    const other = openInvoicePayload(encrypted, declare(xml, encrypted), { key: wrongKey.key, iv: sessionKey.iv });
    // a wrong key almost always breaks the padding; if it happens not to, the plaintext hash catches it
    expect(other.ok).toBe(false);
  });
});
