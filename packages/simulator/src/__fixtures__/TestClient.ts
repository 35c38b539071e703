// Test-only HTTP client for the simulator: plain fetch, crypto done by the openssl CLI (an
// implementation independent of the simulator's node:crypto code).
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { opensslAesEncrypt, opensslRsaOaepEncrypt } from '../domain/__fixtures__/openssl.js';
import type { RunningSimulator } from '../startSimulator.js';

/** One HTTP answer. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed JSON body (undefined for an empty or non-JSON body). */
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test convenience: bodies are asserted field by field
}

/** Every request/response pair the tests made, for the OpenAPI conformance test. */
export interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly contentType: string;
  readonly requestBody: unknown;
  readonly body: unknown;
}

const sha256b64 = (data: Uint8Array): string => createHash('sha256').update(data).digest('base64');

/** A fresh, unique invoice number. */
export const uniqueInvoiceNumber = (): string => `FV/${randomBytes(6).toString('hex').toUpperCase()}`;

/** The official FA(3) sample with its placeholders filled (P_1 stays 2025-09-01, in the past). */
export function fa3Invoice(nip: string, invoiceNumber = uniqueInvoiceNumber()): Buffer {
  const template = readFileSync('/work/shared/fixtures/invoices/cs-invoice-template-fa-3.xml', 'utf8');
  return Buffer.from(template.replaceAll('#nip#', nip).replaceAll('#invoice_number#', invoiceNumber));
}

/** Talks to one simulator; records every exchange in `log`. */
export class TestClient {
  accessToken = '';
  refreshToken = '';

  constructor(
    readonly sim: RunningSimulator,
    readonly log: Exchange[] = [],
  ) {}

  /** One request to `url` + `path` (absolute URLs are used as given). */
  async call(method: string, path: string, options: { token?: string | null; json?: unknown; body?: string | Buffer; headers?: Record<string, string> } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? this.accessToken : options.token;
    if (token) headers['authorization'] = `Bearer ${token}`;
    let body: string | Buffer | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    const url = path.startsWith('http') ? path : `${this.sim.url}${path}`;
    const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : new Uint8Array(body) }) });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const pathname = new URL(url).pathname;
    this.log.push({ method, path: pathname.replace(/^\/v2/, ''), status: response.status, contentType: response.headers.get('content-type') ?? '', requestBody: options.json, body: text === '' ? undefined : (parsed ?? text) });
    return { status: response.status, headers: response.headers, text, body: parsed };
  }

  /** The Base64 DER certificate published for `usage`. */
  async certificate(usage: 'KsefTokenEncryption' | 'SymmetricKeyEncryption'): Promise<{ certificate: string; publicKeyId: string }> {
    const list = await this.call('GET', '/security/public-key-certificates', { token: null });
    const entry = (list.body as Array<{ certificate: string; publicKeyId: string; usage: string[] }>).find((c) => c.usage.includes(usage));
    if (entry === undefined) throw new Error(`no ${usage} certificate`);
    return entry;
  }

  /** Starts KSeF-token authentication; returns the init answer. */
  async initTokenAuth(nip: string, ksefToken: string, tweak: { timestampMs?: number; publicKeyId?: string } = {}): Promise<Answer> {
    const challenge = await this.call('POST', '/auth/challenge', { token: null });
    const { certificate, publicKeyId } = await this.certificate('KsefTokenEncryption');
    const plaintext = Buffer.from(`${ksefToken}|${tweak.timestampMs ?? challenge.body.timestampMs}`, 'utf8');
    return this.call('POST', '/auth/ksef-token', {
      token: null,
      json: {
        challenge: challenge.body.challenge,
        contextIdentifier: { type: 'Nip', value: nip },
        encryptedToken: opensslRsaOaepEncrypt(certificate, plaintext).toString('base64'),
        publicKeyId: tweak.publicKeyId ?? publicKeyId,
      },
    });
  }

  /** Polls `GET /auth/{ref}` until it leaves 100; returns the last status body. */
  async pollAuth(init: Answer): Promise<Answer> {
    for (let i = 0; i < 10; i++) {
      const status = await this.call('GET', `/auth/${init.body.referenceNumber}`, { token: init.body.authenticationToken.token });
      if (status.body?.status?.code !== 100) return status;
    }
    throw new Error('auth stayed at 100');
  }

  /** Full KSeF-token login; stores the access and refresh tokens. */
  async login(nip = this.sim.sample.nip, ksefToken = this.sim.sample.token): Promise<void> {
    const init = await this.initTokenAuth(nip, ksefToken);
    if (init.status !== 202) throw new Error(`auth init ${init.status}: ${init.text}`);
    const status = await this.pollAuth(init);
    if (status.body.status.code !== 200) throw new Error(`auth ${status.text}`);
    const redeemed = await this.call('POST', '/auth/token/redeem', { token: init.body.authenticationToken.token });
    this.accessToken = redeemed.body.accessToken.token;
    this.refreshToken = redeemed.body.refreshToken.token;
  }

  /** Opens an online FA(3) session with a fresh AES key wrapped by openssl. */
  async openSession(options: { wrappedKey?: string; formCode?: unknown } = {}): Promise<{ answer: Answer; key: Buffer; iv: Buffer; reference: string }> {
    const key = randomBytes(32);
    const iv = randomBytes(16);
    const { certificate, publicKeyId } = await this.certificate('SymmetricKeyEncryption');
    const answer = await this.call('POST', '/sessions/online', {
      json: {
        formCode: options.formCode ?? { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' },
        encryption: {
          encryptedSymmetricKey: options.wrappedKey ?? opensslRsaOaepEncrypt(certificate, key).toString('base64'),
          initializationVector: iv.toString('base64'),
          publicKeyId,
        },
      },
    });
    return { answer, key, iv, reference: answer.body?.referenceNumber as string };
  }

  /** Encrypts `xml` with openssl and sends it; `tweak` falsifies the declared metadata. */
  async sendInvoice(session: { key: Buffer; iv: Buffer; reference: string }, xml: Buffer, tweak: { invoiceSize?: number; invoiceHash?: string; encryptedInvoiceSize?: number; ciphertext?: Buffer } = {}): Promise<Answer> {
    const ciphertext = tweak.ciphertext ?? opensslAesEncrypt(session.key, session.iv, xml);
    return this.call('POST', `/sessions/online/${session.reference}/invoices`, {
      json: {
        invoiceHash: tweak.invoiceHash ?? sha256b64(xml),
        invoiceSize: tweak.invoiceSize ?? xml.length,
        encryptedInvoiceHash: sha256b64(ciphertext),
        encryptedInvoiceSize: tweak.encryptedInvoiceSize ?? ciphertext.length,
        encryptedInvoiceContent: ciphertext.toString('base64'),
      },
    });
  }

  /** Reads an invoice's status until it is final. */
  async invoiceOutcome(sessionReference: string, invoiceReference: string): Promise<Answer> {
    for (let i = 0; i < 10; i++) {
      const status = await this.call('GET', `/sessions/${sessionReference}/invoices/${invoiceReference}`);
      if (status.body.status.code !== 100 && status.body.status.code !== 150) return status;
    }
    throw new Error('invoice never finished');
  }

  /** Reads a session's status until it leaves 100/170. */
  async sessionOutcome(sessionReference: string): Promise<Answer> {
    for (let i = 0; i < 10; i++) {
      const status = await this.call('GET', `/sessions/${sessionReference}`);
      if (![100, 150, 170].includes(status.body.status.code)) return status;
    }
    throw new Error('session never finished');
  }
}
