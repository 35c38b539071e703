import { createPrivateKey, type KeyObject } from 'node:crypto';
import { CredentialsError } from './CredentialsError.js';

/**
 * Reads a PEM private key: PKCS#8 (`PRIVATE KEY`), encrypted PKCS#8 (`ENCRYPTED PRIVATE KEY`, e.g.
 * from `openssl pkcs8 -topk8 -v2 aes-256-cbc`) with its passphrase, or the traditional RSA/EC forms.
 * Errors never quote the key or the passphrase.
 */
export function readPrivateKey(privateKeyPem: string, passphrase?: string): KeyObject {
  // The PKCS#8 label "ENCRYPTED PRIVATE KEY" only appears on the BEGIN/END lines; Proc-Type marks a legacy encrypted PEM.
  const encrypted = /ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(privateKeyPem);
  if (encrypted && passphrase === undefined) {
    throw new CredentialsError('credentials.wrongPassphrase', 'The private key is encrypted; give its passphrase.');
  }
  try {
    return createPrivateKey(passphrase === undefined ? { key: privateKeyPem, format: 'pem' } : { key: privateKeyPem, format: 'pem', passphrase });
  } catch {
    if (encrypted) {
      throw new CredentialsError('credentials.wrongPassphrase', 'The passphrase does not decrypt the private key. Check the passphrase.');
    }
    throw new CredentialsError('credentials.unreadable', 'The private key is not a PEM private key (PKCS#8, encrypted PKCS#8, RSA or EC).');
  }
}
