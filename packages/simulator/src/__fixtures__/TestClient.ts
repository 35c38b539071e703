// Test-only HTTP client for the simulator: plain fetch, crypto done by the openssl CLI (an
// implementation independent of the simulator's node:crypto code).
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApiSchema } from '@ksef-connect/spec';
import { opensslAesEncrypt, opensslRsaOaepEncrypt } from '../domain/__fixtures__/openssl.js';
import type { RunningSimulator } from '../startSimulator.js';

/**
 * One HTTP answer; `body` is the parsed JSON body (undefined for an empty or non-JSON one), typed as
 * the caller expects it from open-api.json. That type is the test's claim, not a check: every
 * exchange is validated against open-api.json by the suites' conformance test, and error bodies are
 * read with the narrowing {@link exceptionCode} / {@link firstExceptionDetail}.
 */
export interface Answer<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: T;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first entry of a KSeF error body (`exception.exceptionDetailList[0]`); throws, quoting the body, for any other answer. */
export function firstExceptionDetail(answer: Answer): ApiSchema<'ExceptionDetails'> & { exceptionCode: number } {
  const exception = isRecord(answer.body) ? answer.body['exception'] : undefined;
  const list = isRecord(exception) ? exception['exceptionDetailList'] : undefined;
  const first: unknown = Array.isArray(list) ? list[0] : undefined;
  if (!isRecord(first) || typeof first['exceptionCode'] !== 'number') {
    throw new Error(`not a KSeF exception body (HTTP ${answer.status}): ${answer.text}`);
  }
  const { exceptionCode, exceptionDescription, details } = first;
  return {
    exceptionCode,
    ...(typeof exceptionDescription === 'string' ? { exceptionDescription } : {}),
    ...(Array.isArray(details) ? { details: details.map(String) } : {}),
  };
}

/** The code of the first exception of a KSeF error body (see {@link firstExceptionDetail}). */
export const exceptionCode = (answer: Answer): number => firstExceptionDetail(answer).exceptionCode;

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

  /** One request to `url` + `path` (absolute URLs are used as given); `T` is the body open-api.json promises. */
  async call<T = unknown>(method: string, path: string, options: { token?: string | null; json?: unknown; body?: string | Buffer; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
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
    return { status: response.status, headers: response.headers, text, body: parsed as T };
  }

  /** The Base64 DER certificate published for `usage`. */
  async certificate(usage: 'KsefTokenEncryption' | 'SymmetricKeyEncryption'): Promise<{ certificate: string; publicKeyId: string }> {
    const list = await this.call<ApiSchema<'PublicKeyCertificate'>[]>('GET', '/security/public-key-certificates', { token: null });
    const entry = list.body.find((c) => c.usage.includes(usage));
    if (entry === undefined) throw new Error(`no ${usage} certificate`);
    return entry;
  }

  /** Starts KSeF-token authentication; returns the init answer. */
  async initTokenAuth(nip: string, ksefToken: string, tweak: { timestampMs?: number; publicKeyId?: string } = {}): Promise<Answer<ApiSchema<'AuthenticationInitResponse'>>> {
    const challenge = await this.call<ApiSchema<'AuthenticationChallengeResponse'>>('POST', '/auth/challenge', { token: null });
    const { certificate, publicKeyId } = await this.certificate('KsefTokenEncryption');
    const plaintext = Buffer.from(`${ksefToken}|${tweak.timestampMs ?? challenge.body.timestampMs}`, 'utf8');
    return this.call<ApiSchema<'AuthenticationInitResponse'>>('POST', '/auth/ksef-token', {
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
  async pollAuth(init: Answer<ApiSchema<'AuthenticationInitResponse'>>): Promise<Answer<ApiSchema<'AuthenticationOperationStatusResponse'>>> {
    for (let i = 0; i < 10; i++) {
      const status = await this.call<ApiSchema<'AuthenticationOperationStatusResponse'>>('GET', `/auth/${init.body.referenceNumber}`, { token: init.body.authenticationToken.token });
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
    const redeemed = await this.call<ApiSchema<'AuthenticationTokensResponse'>>('POST', '/auth/token/redeem', { token: init.body.authenticationToken.token });
    this.accessToken = redeemed.body.accessToken.token;
    this.refreshToken = redeemed.body.refreshToken.token;
  }

  /** Opens an online FA(3) session with a fresh AES key wrapped by openssl. */
  async openSession(options: { wrappedKey?: string; formCode?: unknown } = {}): Promise<{ answer: Answer<ApiSchema<'OpenOnlineSessionResponse'>>; key: Buffer; iv: Buffer; reference: string }> {
    const key = randomBytes(32);
    const iv = randomBytes(16);
    const { certificate, publicKeyId } = await this.certificate('SymmetricKeyEncryption');
    const answer = await this.call<ApiSchema<'OpenOnlineSessionResponse'>>('POST', '/sessions/online', {
      json: {
        formCode: options.formCode ?? { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' },
        encryption: {
          encryptedSymmetricKey: options.wrappedKey ?? opensslRsaOaepEncrypt(certificate, key).toString('base64'),
          initializationVector: iv.toString('base64'),
          publicKeyId,
        },
      },
    });
    // A refused session (4xx/5xx) has no reference: '' makes any later use of it fail visibly.
    return { answer, key, iv, reference: answer.body?.referenceNumber ?? '' };
  }

  /** Encrypts `xml` with openssl and sends it; `tweak` falsifies the declared metadata. */
  async sendInvoice(session: { key: Buffer; iv: Buffer; reference: string }, xml: Buffer, tweak: { invoiceSize?: number; invoiceHash?: string; encryptedInvoiceSize?: number; ciphertext?: Buffer } = {}): Promise<Answer<ApiSchema<'SendInvoiceResponse'>>> {
    const ciphertext = tweak.ciphertext ?? opensslAesEncrypt(session.key, session.iv, xml);
    return this.call<ApiSchema<'SendInvoiceResponse'>>('POST', `/sessions/online/${session.reference}/invoices`, {
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
  async invoiceOutcome(sessionReference: string, invoiceReference: string): Promise<Answer<ApiSchema<'SessionInvoiceStatusResponse'>>> {
    for (let i = 0; i < 10; i++) {
      const status = await this.call<ApiSchema<'SessionInvoiceStatusResponse'>>('GET', `/sessions/${sessionReference}/invoices/${invoiceReference}`);
      if (status.body.status.code !== 100 && status.body.status.code !== 150) return status;
    }
    throw new Error('invoice never finished');
  }

  /** Reads a session's status until it leaves 100/170. */
  async sessionOutcome(sessionReference: string): Promise<Answer<ApiSchema<'SessionStatusResponse'>>> {
    for (let i = 0; i < 10; i++) {
      const status = await this.call<ApiSchema<'SessionStatusResponse'>>('GET', `/sessions/${sessionReference}`);
      if (![100, 150, 170].includes(status.body.status.code)) return status;
    }
    throw new Error('session never finished');
  }
}
