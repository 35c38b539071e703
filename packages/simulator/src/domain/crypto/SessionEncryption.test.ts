import { opensslRsaOaepEncrypt, randomSessionKey } from '../__fixtures__/openssl.js';
import { SimulatorKeyRing } from '../keys/SimulatorKeyRing.js';
import { SimulatorClock } from '../SimulatorClock.js';
import { unwrapSessionKey } from './SessionEncryption.js';

describe('unwrapSessionKey', () => {
  let ring: SimulatorKeyRing;
  let symmetric: { certificate: string; publicKeyId: string };
  let token: { certificate: string; publicKeyId: string };
  beforeAll(async () => {
    ring = await SimulatorKeyRing.create(SimulatorClock.frozen());
    const list = ring.publicKeyCertificates();
    symmetric = list.find((c) => c.usage[0] === 'SymmetricKeyEncryption') ?? { certificate: '', publicKeyId: '' };
    token = list.find((c) => c.usage[0] === 'KsefTokenEncryption') ?? { certificate: '', publicKeyId: '' };
  });

  it('unwraps an openssl-wrapped AES key and takes the IV as sent', () => {
    const { key, iv } = randomSessionKey();
    const result = unwrapSessionKey(ring, {
      encryptedSymmetricKey: opensslRsaOaepEncrypt(symmetric.certificate, key).toString('base64'),
      initializationVector: iv.toString('base64'),
      publicKeyId: symmetric.publicKeyId,
    });
    expect(result.ok && result.sessionKey.key.equals(key) && result.sessionKey.iv.equals(iv)).toBe(true);
  });

  it('says unknownPublicKey (21470) for an id that is not an active symmetric key', () => {
    const { key, iv } = randomSessionKey();
    const result = unwrapSessionKey(ring, {
      encryptedSymmetricKey: opensslRsaOaepEncrypt(symmetric.certificate, key).toString('base64'),
      initializationVector: iv.toString('base64'),
      publicKeyId: token.publicKeyId,
    });
    expect(result).toEqual({ ok: false, reason: 'unknownPublicKey' });
  });

  it('says undecryptable (415) for the wrong usage key, a 16-byte key or a short IV', () => {
    const { key, iv } = randomSessionKey();
    const cases = [
      { encryptedSymmetricKey: opensslRsaOaepEncrypt(token.certificate, key).toString('base64'), initializationVector: iv.toString('base64') },
      { encryptedSymmetricKey: opensslRsaOaepEncrypt(symmetric.certificate, key.subarray(0, 16)).toString('base64'), initializationVector: iv.toString('base64') },
      { encryptedSymmetricKey: opensslRsaOaepEncrypt(symmetric.certificate, key).toString('base64'), initializationVector: iv.subarray(0, 12).toString('base64') },
      { encryptedSymmetricKey: 'not base64!', initializationVector: iv.toString('base64') },
    ];
    for (const encryption of cases) expect(unwrapSessionKey(ring, encryption)).toEqual({ ok: false, reason: 'undecryptable' });
  });
});
