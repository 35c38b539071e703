import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { aesEncrypt, freshSessionKey, rsaOaepEncrypt, sha256Base64 } from '../conformance/__fixtures__/inProcessCrypto.js';
import { TourClient, type TourAnswer } from '../conformance/__fixtures__/TourClient.js';
import { sampleInvoice } from '../domain/__fixtures__/invoiceTemplates.js';
import { SimulatorClock } from '../domain/SimulatorClock.js';
import { startSimulator } from '../startSimulator.js';

// The PEM label of a PKCS#8 key, assembled so that no key-shaped text sits in the repository.
const keyLabel = ['PRIVATE', 'KEY'].join(' ');

interface Certificate { certificate: string; publicKeyId: string; certificateId: string; usage: string[] }
interface Status { status: { code: number }; ksefNumber?: string }

const json = <T>(answer: TourAnswer): T => answer.json as T;

async function certificates(client: TourClient): Promise<Certificate[]> {
  return json<Certificate[]>(await client.call('GET', '/security/public-key-certificates', { token: null }));
}

const newest = (list: readonly Certificate[], usage: string): Certificate => {
  const found = list.filter((c) => c.usage.includes(usage)).at(-1);
  if (found === undefined) throw new Error(`no ${usage} certificate`);
  return found;
};

/** KSeF-token login with a certificate the client cached earlier (not fetched again). */
async function login(client: TourClient, nip: string, ksefToken: string, tokenCertificate: Certificate): Promise<string> {
  const { challenge, timestampMs } = json<{ challenge: string; timestampMs: number }>(await client.call('POST', '/auth/challenge', { token: null }));
  const init = await client.call('POST', '/auth/ksef-token', {
    token: null,
    json: {
      challenge,
      contextIdentifier: { type: 'Nip', value: nip },
      encryptedToken: rsaOaepEncrypt(tokenCertificate.certificate, Buffer.from(`${ksefToken}|${timestampMs}`)).toString('base64'),
      publicKeyId: tokenCertificate.publicKeyId,
    },
  });
  expect(init.status).toBe(202);
  const { referenceNumber, authenticationToken } = json<{ referenceNumber: string; authenticationToken: { token: string } }>(init);
  let code = 100;
  for (let i = 0; i < 5 && code === 100; i++) code = json<{ status: { code: number } }>(await client.call('GET', `/auth/${referenceNumber}`, { token: authenticationToken.token })).status.code;
  expect(code).toBe(200);
  return json<{ accessToken: { token: string } }>(await client.call('POST', '/auth/token/redeem', { token: authenticationToken.token })).accessToken.token;
}

function send(client: TourClient, sessionRef: string, session: { key: Buffer; iv: Buffer }, xml: Buffer): Promise<TourAnswer> {
  const ciphertext = aesEncrypt(session.key, session.iv, xml);
  return client.call('POST', `/sessions/online/${sessionRef}/invoices`, {
    json: {
      invoiceHash: sha256Base64(xml),
      invoiceSize: xml.length,
      encryptedInvoiceHash: sha256Base64(ciphertext),
      encryptedInvoiceSize: ciphertext.length,
      encryptedInvoiceContent: ciphertext.toString('base64'),
    },
  });
}

async function invoiceOutcome(client: TourClient, sessionRef: string, invoiceRef: string): Promise<Status> {
  for (let i = 0; i < 6; i++) {
    const status = json<Status>(await client.call('GET', `/sessions/${sessionRef}/invoices/${invoiceRef}`));
    if (status.status.code !== 100 && status.status.code !== 150) return status;
  }
  throw new Error('invoice never finished');
}

async function openSession(client: TourClient, symmetricCertificate: Certificate): Promise<{ ref: string; key: Buffer; iv: Buffer }> {
  const { key, iv } = freshSessionKey();
  const opened = await client.call('POST', '/sessions/online', {
    json: {
      formCode: { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' },
      encryption: {
        encryptedSymmetricKey: rsaOaepEncrypt(symmetricCertificate.certificate, key).toString('base64'),
        initializationVector: iv.toString('base64'),
        publicKeyId: symmetricCertificate.publicKeyId,
      },
    },
  });
  expect(opened.status).toBe(201);
  return { ref: json<{ referenceNumber: string }>(opened).referenceNumber, key, iv };
}

describe('dataDir restart keeps the key ring and the token secrets', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ksef-sim-restart-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes the same publicKeyIds, and a session opened before the restart takes invoices after it', async () => {
    const clock = SimulatorClock.frozen('2026-03-10T10:00:00Z');
    const lines: string[] = [];
    const options = { dataDir: dir, seed: 'restart', clock, limits: 'off' as const, log: (line: string) => void lines.push(line) };

    const first = await startSimulator(options);
    const before = new TourClient(first);
    // A planned rotation: the old SymmetricKeyEncryption key stays published for its grace period.
    const oldSymmetric = newest(await certificates(before), 'SymmetricKeyEncryption');
    await before.call('POST', '/_simulator/keys/rotate', { token: null, json: { usage: 'SymmetricKeyEncryption' } });
    const published = await certificates(before);
    expect(published).toHaveLength(3);
    const tokenCertificate = newest(published, 'KsefTokenEncryption');
    before.accessToken = await login(before, first.sample.nip, first.sample.token, tokenCertificate);
    const session = await openSession(before, newest(published, 'SymmetricKeyEncryption'));
    const firstInvoice = await send(before, session.ref, session, sampleInvoice('fa3', { nip: first.sample.nip, invoice_number: 'FV/RESTART/1' }));
    expect(firstInvoice.status).toBe(202);
    await first.close();

    // Owner-only files; the private keys live in the secrets file, not in the state snapshot.
    for (const file of ['simulator-secrets.json', 'simulator-state.json']) expect(statSync(path.join(dir, file)).mode & 0o777).toBe(0o600);
    const secretsText = readFileSync(path.join(dir, 'simulator-secrets.json'), 'utf8');
    expect(secretsText.match(new RegExp(`BEGIN ${keyLabel}`, 'g'))).toHaveLength(3);
    expect(readFileSync(path.join(dir, 'simulator-state.json'), 'utf8')).not.toContain(keyLabel);

    const second = await startSimulator(options);
    try {
      const after = new TourClient(second);
      expect(await certificates(after)).toEqual(published);

      // The client carries on with what it cached: its access token, the session's AES key.
      after.accessToken = before.accessToken;
      const secondInvoice = await send(after, session.ref, session, sampleInvoice('fa3', { nip: first.sample.nip, invoice_number: 'FV/RESTART/2' }));
      expect(secondInvoice.status).toBe(202);
      const outcomes = await Promise.all([firstInvoice, secondInvoice].map((sent) => invoiceOutcome(after, session.ref, json<{ referenceNumber: string }>(sent).referenceNumber)));
      expect(outcomes.map((o) => o.status.code)).toEqual([200, 200]);
      expect(outcomes[0]?.ksefNumber).not.toBe(outcomes[1]?.ksefNumber);
      expect((await after.call('POST', `/sessions/online/${session.ref}/close`)).status).toBe(204);

      // The cached publicKeyIds still work: the pre-rotation symmetric key (within its grace) and the token key.
      const another = await openSession(after, oldSymmetric);
      const third = await send(after, another.ref, another, sampleInvoice('fa3', { nip: first.sample.nip, invoice_number: 'FV/RESTART/3' }));
      expect((await invoiceOutcome(after, another.ref, json<{ referenceNumber: string }>(third).referenceNumber)).status.code).toBe(200);
      expect(await login(after, first.sample.nip, first.sample.token, tokenCertificate)).not.toBe('');
    } finally {
      await second.close();
    }
    const logged = lines.join('\n');
    expect(logged).not.toContain(keyLabel);
    const saved = JSON.parse(secretsText) as Record<string, string>;
    for (const name of ['jwtSecret', 'presignedUrlSecret', 'continuationSecret']) expect(logged).not.toContain(saved[name]);
  });

  it('refuses a secrets file whose certificate is not its private key’s, naming neither', async () => {
    const first = await startSimulator({ dataDir: dir, seed: 'tampered' });
    await first.close();
    const file = path.join(dir, 'simulator-secrets.json');
    const secrets = JSON.parse(readFileSync(file, 'utf8')) as { keys: Array<{ certificate: string }> };
    const [a, b] = secrets.keys;
    if (a === undefined || b === undefined) throw new Error('expected two keys');
    [a.certificate, b.certificate] = [b.certificate, a.certificate];
    writeFileSync(file, JSON.stringify(secrets));
    const outcome = await startSimulator({ dataDir: dir, seed: 'tampered' }).then(
      async (sim) => {
        await sim.close();
        return 'started';
      },
      (error: unknown) => String(error),
    );
    expect(outcome).toContain('the certificate does not match the private key');
    expect(outcome).not.toMatch(new RegExp(`${keyLabel}|MII`));
  });
});
