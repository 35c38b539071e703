// Test-only client for the batch routes: authenticates with a KSeF token (encrypted by openssl, not
// by simulator code) and builds packages with the system `zip` CLI.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertConforms, OpenApiContract } from '@ksef-connect/spec';
import { opensslAesEncrypt, opensslRsaOaepEncrypt, randomSessionKey } from '../../../domain/__fixtures__/openssl.js';
import { sha256Base64 } from '../../../domain/crypto/sha256Base64.js';

/** A JSON response. */
export interface JsonResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Headers;
}

const contract = OpenApiContract.load();

/** Sends a JSON request to the simulator; every `/v2` answer (and accepted request) must conform to open-api.json. */
export async function call(url: string, method: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<JsonResponse> {
  const response = await fetch(url, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  const { pathname, search } = new URL(url);
  const contentType = (response.headers.get('content-type') ?? 'application/json').split(';')[0];
  assertConforms(contract.validateResponse(method, pathname + search, response.status, body, contentType), `${method} ${pathname} → ${response.status}`);
  if (options.body !== undefined && response.status < 400) assertConforms(contract.validateRequest(method, pathname, options.body, 'application/json'), `request ${method} ${pathname}`);
  return { status: response.status, body: (body ?? {}) as Record<string, unknown>, headers: response.headers };
}

interface Certificate {
  certificate: string;
  publicKeyId: string;
  usage: string[];
}

/** The simulator's certificate for `usage`. */
export async function certificateFor(apiUrl: string, usage: string): Promise<Certificate> {
  const list = (await fetch(`${apiUrl}/security/public-key-certificates`).then((r) => r.json())) as Certificate[];
  const found = list.find((c) => c.usage.includes(usage));
  if (!found) throw new Error(`no ${usage} certificate`);
  return found;
}

/** Authenticates with a KSeF token and returns an access token (challenge → ksef-token → status → redeem). */
export async function accessTokenFor(apiUrl: string, nip: string, ksefToken: string): Promise<string> {
  const challenge = await call(`${apiUrl}/auth/challenge`, 'POST');
  const cert = await certificateFor(apiUrl, 'KsefTokenEncryption');
  const encryptedToken = opensslRsaOaepEncrypt(cert.certificate, Buffer.from(`${ksefToken}|${String(challenge.body.timestampMs)}`)).toString('base64');
  const init = await call(`${apiUrl}/auth/ksef-token`, 'POST', {
    body: { challenge: challenge.body.challenge, contextIdentifier: { type: 'Nip', value: nip }, encryptedToken, publicKeyId: cert.publicKeyId },
  });
  if (init.status !== 202) throw new Error(`ksef-token: ${init.status} ${JSON.stringify(init.body)}`);
  const operationToken = (init.body.authenticationToken as { token: string }).token;
  for (let i = 0; i < 20; i++) {
    const status = await call(`${apiUrl}/auth/${String(init.body.referenceNumber)}`, 'GET', { token: operationToken });
    const code = (status.body.status as { code: number }).code;
    if (code === 200) break;
    if (code !== 100) throw new Error(`auth failed: ${JSON.stringify(status.body)}`);
  }
  const redeemed = await call(`${apiUrl}/auth/token/redeem`, 'POST', { token: operationToken });
  if (redeemed.status !== 200) throw new Error(`redeem: ${redeemed.status} ${JSON.stringify(redeemed.body)}`);
  return (redeemed.body.accessToken as { token: string }).token;
}

/** A ZIP of `files` made by the system `zip` CLI. */
export function zipOf(files: Record<string, Uint8Array | string>): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'sim-batch-zip-'));
  try {
    const src = path.join(dir, 'src');
    mkdirSync(src);
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(src, name), content);
    execFileSync('zip', ['-q', '-r', path.join(dir, 'out.zip'), '.'], { cwd: src });
    return readFileSync(path.join(dir, 'out.zip'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An encrypted, split package and the `POST /sessions/batch` body that declares it. */
export async function batchPackage(apiUrl: string, archive: Buffer, partCount: number, options: { formCode?: Record<string, string> } = {}) {
  const sessionKey = randomSessionKey();
  const cert = await certificateFor(apiUrl, 'SymmetricKeyEncryption');
  const size = Math.ceil(archive.length / partCount);
  const parts = Array.from({ length: partCount }, (_, i) => opensslAesEncrypt(sessionKey.key, sessionKey.iv, archive.subarray(i * size, (i + 1) * size)));
  const openBody = {
    formCode: options.formCode ?? { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' },
    batchFile: {
      fileSize: archive.length,
      fileHash: sha256Base64(archive),
      fileParts: parts.map((p, i) => ({ ordinalNumber: i + 1, fileSize: p.length, fileHash: sha256Base64(p) })),
    },
    encryption: {
      encryptedSymmetricKey: opensslRsaOaepEncrypt(cert.certificate, sessionKey.key).toString('base64'),
      initializationVector: sessionKey.iv.toString('base64'),
      publicKeyId: cert.publicKeyId,
    },
  };
  return { parts, openBody, sessionKey };
}
