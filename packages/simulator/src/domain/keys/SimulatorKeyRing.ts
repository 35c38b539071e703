import 'reflect-metadata';
import { constants, createHash, createPrivateKey, createPublicKey, privateDecrypt, webcrypto, X509Certificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { ApiSchema } from '@ksef-connect/spec';
import type { SimulatorClock } from '../SimulatorClock.js';
import { formatKsefDateTime } from '../time/ksefDateTime.js';
import type { PublicKeyUsage } from './PublicKeyUsage.js';
import { publicKeyUsages } from './PublicKeyUsage.js';
import { freshRsaKeyPair, pooledRsaKeyPair, type RsaKeyPair } from './rsaKeyPool.js';

// @peculiar/x509 types its provider as the DOM `Crypto`, which this Node-only build does not declare.
(x509.cryptoProvider.set as (crypto: unknown) => void).call(x509.cryptoProvider, webcrypto);

/** One published key: its certificate and the private key behind it. */
export interface SimulatorKey {
  readonly usage: PublicKeyUsage;
  /** Base64 SHA-256 of the SubjectPublicKeyInfo DER (ksef-api.md §3). */
  readonly publicKeyId: string;
  /** Base64 SHA-256 of the certificate DER. */
  readonly certificateId: string;
  readonly certificateDer: Uint8Array;
  readonly validFrom: Date;
  readonly validTo: Date;
  /** Set when a planned rotation superseded the key: it stays published and usable until then. */
  retiresAt?: Date;
  readonly pair: RsaKeyPair;
}

/** The result of decrypting with a usage key. */
export type KeyDecryptionResult =
  | { readonly ok: true; readonly plaintext: Buffer; readonly publicKeyId: string }
  | { readonly ok: false; readonly reason: 'unknownKey' | 'decryptionFailed' };

/**
 * One key as a `dataDir` keeps it (JSON): the PKCS#8 private key and the certificate, so a restart
 * publishes the same `publicKeyId`s and still decrypts what clients wrapped for them. Secret: the
 * file holding it is written with mode 0600 and its content never goes to a log.
 */
export interface SavedSimulatorKey {
  readonly usage: PublicKeyUsage;
  /** PKCS#8 PEM. */
  readonly privateKeyPem: string;
  /** Base64 DER. */
  readonly certificate: string;
  readonly validFromMs: number;
  readonly validToMs: number;
  readonly retiresAtMs?: number;
}

/** Options for {@link SimulatorKeyRing.create}. */
export interface SimulatorKeyRingOptions {
  /** Share RSA pairs with other simulators in this process (fast; default) or generate new ones. */
  readonly reuseKeys?: boolean;
  /** Certificate lifetime; two years by default. */
  readonly validityMs?: number;
}

const defaultValidityMs = 2 * 365 * 24 * 3600_000;
const defaultGraceMs = 24 * 3600_000;

function sha256Base64(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('base64');
}

/**
 * The simulator's own "Ministry of Finance" keys: one RSA-2048 pair per usage with a self-signed
 * certificate, published as `/security/public-key-certificates` and used to unwrap what clients
 * encrypt (RSA-OAEP, SHA-256, MGF1-SHA-256; ksef-api.md §3). Supports planned rotation (old key kept
 * for a grace period) and emergency rotation (old `publicKeyId` rejected at once → 21470).
 */
export class SimulatorKeyRing {
  private readonly keys: SimulatorKey[] = [];
  private nextPoolIndex = 0;

  private constructor(
    private readonly clock: SimulatorClock,
    private readonly options: SimulatorKeyRingOptions,
  ) {}

  /** A key ring with one fresh key per usage, certified from the clock's "now". */
  static async create(clock: SimulatorClock, options: SimulatorKeyRingOptions = {}): Promise<SimulatorKeyRing> {
    const ring = new SimulatorKeyRing(clock, options);
    for (const usage of publicKeyUsages) ring.keys.push(await ring.issue(usage));
    return ring;
  }

  /**
   * The ring saved by {@link SimulatorKeyRing.saved}: the same keys, certificates and rotation state.
   * Throws (without echoing key material) when a certificate does not belong to its private key.
   */
  static restore(clock: SimulatorClock, saved: readonly SavedSimulatorKey[], options: SimulatorKeyRingOptions = {}): SimulatorKeyRing {
    const ring = new SimulatorKeyRing(clock, options);
    for (const [index, entry] of saved.entries()) {
      const privateKey = createPrivateKey(entry.privateKeyPem);
      const publicKey = createPublicKey(privateKey);
      const spkiDer = publicKey.export({ type: 'spki', format: 'der' });
      const certificateDer = new Uint8Array(Buffer.from(entry.certificate, 'base64'));
      const certifiedSpki = new X509Certificate(certificateDer).publicKey.export({ type: 'spki', format: 'der' });
      if (!certifiedSpki.equals(spkiDer)) throw new Error(`saved key ${index + 1} (${entry.usage}): the certificate does not match the private key`);
      ring.keys.push({
        usage: entry.usage,
        publicKeyId: sha256Base64(spkiDer),
        certificateId: sha256Base64(certificateDer),
        certificateDer,
        validFrom: new Date(entry.validFromMs),
        validTo: new Date(entry.validToMs),
        ...(entry.retiresAtMs === undefined ? {} : { retiresAt: new Date(entry.retiresAtMs) }),
        pair: { privateKey, publicKey },
      });
    }
    for (const usage of publicKeyUsages) {
      if (!ring.keys.some((k) => k.usage === usage)) throw new Error(`saved key ring has no ${usage} key`);
    }
    return ring;
  }

  /** Every key, retired ones included, as data for {@link SimulatorKeyRing.restore} (private keys included). */
  saved(): SavedSimulatorKey[] {
    return this.keys.map((k) => ({
      usage: k.usage,
      privateKeyPem: k.pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      certificate: Buffer.from(k.certificateDer).toString('base64'),
      validFromMs: k.validFrom.getTime(),
      validToMs: k.validTo.getTime(),
      ...(k.retiresAt === undefined ? {} : { retiresAtMs: k.retiresAt.getTime() }),
    }));
  }

  /** Keys currently published and accepted, newest `validFrom` first. */
  activeKeys(usage?: PublicKeyUsage): SimulatorKey[] {
    const now = this.clock.nowMs();
    return this.keys
      .filter((k) => (usage === undefined || k.usage === usage) && (k.retiresAt === undefined || k.retiresAt.getTime() > now))
      .sort((a, b) => b.validFrom.getTime() - a.validFrom.getTime());
  }

  /** The body of `GET /security/public-key-certificates` (open-api.json `PublicKeyCertificate[]`). */
  publicKeyCertificates(): ApiSchema<'PublicKeyCertificate'>[] {
    return publicKeyUsages.flatMap((usage) =>
      this.activeKeys(usage).map((k) => ({
        certificate: Buffer.from(k.certificateDer).toString('base64'),
        certificateId: k.certificateId,
        publicKeyId: k.publicKeyId,
        validFrom: formatKsefDateTime(k.validFrom),
        validTo: formatKsefDateTime(k.validTo),
        usage: [k.usage],
      })),
    );
  }

  /**
   * Whether `publicKeyId` names an active key of `usage`. A request naming an unknown, retired or
   * other-usage key is answered with 21470 (ksef-api.md §3).
   */
  isActivePublicKeyId(usage: PublicKeyUsage, publicKeyId: string): boolean {
    return this.activeKeys(usage).some((k) => k.publicKeyId === publicKeyId);
  }

  /**
   * Decrypts `ciphertext` (RSA-OAEP SHA-256/MGF1-SHA-256, empty label) with the key named by
   * `publicKeyId`, or — when the client did not name one — with each active key of `usage` in turn.
   */
  decrypt(usage: PublicKeyUsage, ciphertext: Uint8Array, publicKeyId?: string | null): KeyDecryptionResult {
    const candidates = this.activeKeys(usage).filter((k) => publicKeyId == null || k.publicKeyId === publicKeyId);
    if (candidates.length === 0) return { ok: false, reason: 'unknownKey' };
    for (const key of candidates) {
      try {
        const plaintext = privateDecrypt(
          { key: key.pair.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
          ciphertext,
        );
        return { ok: true, plaintext, publicKeyId: key.publicKeyId };
      } catch {
        // wrong key or corrupted ciphertext: try the next candidate
      }
    }
    return { ok: false, reason: 'decryptionFailed' };
  }

  /**
   * Publishes a new key for `usage`. A planned rotation keeps the old keys published and usable for
   * `graceMs` (default 24 h); an emergency rotation withdraws them at once.
   */
  async rotate(usage: PublicKeyUsage, options: { emergency?: boolean; graceMs?: number } = {}): Promise<SimulatorKey> {
    const retiresAt = new Date(this.clock.nowMs() + (options.emergency ? 0 : (options.graceMs ?? defaultGraceMs)));
    for (const key of this.activeKeys(usage)) key.retiresAt = retiresAt;
    const fresh = await this.issue(usage);
    this.keys.push(fresh);
    return fresh;
  }

  private async issue(usage: PublicKeyUsage): Promise<SimulatorKey> {
    const pair = this.options.reuseKeys === false ? freshRsaKeyPair() : pooledRsaKeyPair(this.nextPoolIndex++);
    const spkiDer = pair.publicKey.export({ type: 'spki', format: 'der' });
    const pkcs8Der = pair.privateKey.export({ type: 'pkcs8', format: 'der' });
    const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    const keys = {
      publicKey: await webcrypto.subtle.importKey('spki', spkiDer, algorithm, true, ['verify']),
      privateKey: await webcrypto.subtle.importKey('pkcs8', pkcs8Der, algorithm, false, ['sign']),
    };
    // Certificates start a minute before "now" so a client comparing with its own clock accepts them.
    const validFrom = new Date(Math.floor((this.clock.nowMs() - 60_000) / 1000) * 1000);
    const validTo = new Date(validFrom.getTime() + (this.options.validityMs ?? defaultValidityMs));
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: createHash('sha256').update(spkiDer).update(String(validFrom.getTime())).digest('hex').slice(0, 16),
      name: `CN=Ministerstwo Finansów (symulator KSeF), O=ksef-connect simulator, OU=${usage}`,
      notBefore: validFrom,
      notAfter: validTo,
      signingAlgorithm: algorithm,
      keys: keys as Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]['keys'],
      extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.dataEncipherment, true)],
    });
    const certificateDer = new Uint8Array(certificate.rawData);
    return {
      usage,
      publicKeyId: sha256Base64(spkiDer),
      certificateId: sha256Base64(certificateDer),
      certificateDer,
      validFrom,
      validTo,
      pair,
    };
  }
}
