import { createDecipheriv, createHash, pbkdf2Sync } from 'node:crypto';
import { AsnConvert, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { CredentialsError } from './CredentialsError.js';

// The password-based encryption schemes a PKCS#12 file uses for its key and certificate bags:
// PBES2 (RFC 8018; PBKDF2 + AES-CBC — `openssl pkcs12 -export` default since OpenSSL 3) and the
// legacy PKCS#12 PBE with 3-key triple DES (RFC 7292 appendix C; OpenSSL 1.x's key default).

/** RFC 8018 PBKDF2-params (salt as the `specified` OCTET STRING choice, the only one in use). */
@AsnType({ type: AsnTypeTypes.Sequence })
class Pbkdf2Params {
  @AsnProp({ type: AsnPropTypes.OctetString })
  salt = new ArrayBuffer(0);

  @AsnProp({ type: AsnPropTypes.Integer })
  iterationCount = 0;

  @AsnProp({ type: AsnPropTypes.Integer, optional: true })
  keyLength?: number;

  @AsnProp({ type: AlgorithmIdentifier, optional: true })
  prf?: AlgorithmIdentifier;
}

/** RFC 8018 PBES2-params. */
@AsnType({ type: AsnTypeTypes.Sequence })
class Pbes2Params {
  @AsnProp({ type: AlgorithmIdentifier })
  keyDerivationFunc = new AlgorithmIdentifier();

  @AsnProp({ type: AlgorithmIdentifier })
  encryptionScheme = new AlgorithmIdentifier();
}

/** RFC 7292 appendix C pkcs-12PbeParams. */
@AsnType({ type: AsnTypeTypes.Sequence })
class Pkcs12PbeParams {
  @AsnProp({ type: AsnPropTypes.OctetString })
  salt = new ArrayBuffer(0);

  @AsnProp({ type: AsnPropTypes.Integer })
  iterations = 0;
}

const pbes2 = '1.2.840.113549.1.5.13';
const pbkdf2 = '1.2.840.113549.1.5.12';
const pbeWithShaAnd3KeyTripleDesCbc = '1.2.840.113549.1.12.1.3';

const prfHashes: Readonly<Record<string, string>> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};

const ciphers: Readonly<Record<string, { readonly name: string; readonly keyLength: number }>> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};

/** Hash block sizes (bytes) for the PKCS#12 key derivation. */
const blockSizes: Readonly<Record<string, number>> = { sha1: 64, sha224: 64, sha256: 64, sha384: 128, sha512: 128 };

/**
 * Decrypts data encrypted with a password-based scheme. A wrong passphrase almost always breaks the
 * CBC padding; the rare wrong passphrase that happens to pad correctly is caught by the PKCS#12 MAC
 * or by the DER parse that follows.
 */
export function decryptWithPassword(algorithm: AlgorithmIdentifier, encrypted: Uint8Array, passphrase: string, what: string): Buffer {
  let key: Buffer;
  let iv: Buffer;
  let cipher: string;
  if (algorithm.algorithm === pbes2 && algorithm.parameters) {
    const params = AsnConvert.parse(algorithm.parameters, Pbes2Params);
    const scheme = ciphers[params.encryptionScheme.algorithm];
    if (params.keyDerivationFunc.algorithm !== pbkdf2 || !params.keyDerivationFunc.parameters || scheme === undefined || !params.encryptionScheme.parameters) {
      throw unsupported(what, `PBES2 with ${params.keyDerivationFunc.algorithm} / ${params.encryptionScheme.algorithm}`);
    }
    const kdf = AsnConvert.parse(params.keyDerivationFunc.parameters, Pbkdf2Params);
    const hash = prfHashes[kdf.prf?.algorithm ?? '1.2.840.113549.2.7'];
    if (hash === undefined) throw unsupported(what, `PBKDF2 with PRF ${kdf.prf?.algorithm}`);
    // PBES2 takes the passphrase as its UTF-8 bytes (unlike the PKCS#12 KDF's BMPString).
    key = pbkdf2Sync(Buffer.from(passphrase, 'utf8'), Buffer.from(kdf.salt), kdf.iterationCount, kdf.keyLength ?? scheme.keyLength, hash);
    iv = Buffer.from(AsnConvert.parse(params.encryptionScheme.parameters, OctetString).buffer);
    cipher = scheme.name;
  } else if (algorithm.algorithm === pbeWithShaAnd3KeyTripleDesCbc && algorithm.parameters) {
    const params = AsnConvert.parse(algorithm.parameters, Pkcs12PbeParams);
    const salt = Buffer.from(params.salt);
    key = pkcs12Kdf(passphrase, salt, 1, params.iterations, 24, 'sha1');
    iv = pkcs12Kdf(passphrase, salt, 2, params.iterations, 8, 'sha1');
    cipher = 'des-ede3-cbc';
  } else {
    throw unsupported(what, algorithm.algorithm);
  }
  try {
    const decipher = createDecipheriv(cipher, key, iv);
    return Buffer.concat([decipher.update(encrypted), decipher.final()]);
  } catch {
    throw new CredentialsError('credentials.wrongPassphrase', `The passphrase does not decrypt the ${what}. Check the passphrase.`);
  }
}

/**
 * The PKCS#12 key derivation (RFC 7292 appendix B.2): `id` 1 = key, 2 = IV, 3 = MAC key. The
 * passphrase enters as a NUL-terminated big-endian BMPString.
 */
export function pkcs12Kdf(passphrase: string, salt: Uint8Array, id: 1 | 2 | 3, iterations: number, length: number, hash: string): Buffer {
  const v = blockSizes[hash];
  if (v === undefined) throw new CredentialsError('credentials.unsupported', `PKCS#12 key derivation with ${hash} is not supported.`);
  const password = Buffer.alloc((passphrase.length + 1) * 2);
  for (let i = 0; i < passphrase.length; i += 1) password.writeUInt16BE(passphrase.charCodeAt(i), i * 2);
  const fill = (source: Uint8Array): Buffer => {
    const out = Buffer.alloc(source.length === 0 ? 0 : v * Math.ceil(source.length / v));
    for (let i = 0; i < out.length; i += 1) out[i] = source[i % source.length] ?? 0;
    return out;
  };
  const input = Buffer.concat([fill(salt), fill(password)]);
  const diversifier = Buffer.alloc(v, id);
  const output: Buffer[] = [];
  let produced = 0;
  while (produced < length) {
    let block = createHash(hash).update(diversifier).update(input).digest();
    for (let round = 1; round < iterations; round += 1) block = createHash(hash).update(block).digest();
    output.push(block);
    produced += block.length;
    // I_j = (I_j + B + 1) mod 2^(8v), with B = block repeated to v bytes.
    const b = fill(block).subarray(0, v);
    for (let offset = 0; offset < input.length; offset += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k -= 1) {
        const sum = (input[offset + k] ?? 0) + (b[k] ?? 0) + carry;
        input[offset + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(output).subarray(0, length);
}

function unsupported(what: string, algorithm: string): CredentialsError {
  return new CredentialsError(
    'credentials.unsupported',
    `The ${what} is encrypted with ${algorithm}, which is not supported. Re-export it with OpenSSL 3 defaults (PBES2/AES-256-CBC), e.g. \`openssl pkcs12 -export\`.`,
  );
}
