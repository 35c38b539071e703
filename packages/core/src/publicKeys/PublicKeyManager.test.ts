import type { ApiRunner } from '../api/ApiRunner.js';
import type { PublicKeyCertificate } from '../crypto/PublicKeyCertificate.js';
import { KsefError } from '../errors/KsefError.js';
import type { Clock } from '../time/Clock.js';
import { PublicKeyManager } from './PublicKeyManager.js';

const day = 86_400_000;
let now = Date.parse('2026-03-01T00:00:00Z');
const clock: Clock = { now: () => new Date(now), sleep: async (ms) => void (now += ms) };

function entry(id: string, usage: PublicKeyCertificate['usage'][number], fromDays: number, toDays: number): PublicKeyCertificate {
  return {
    certificate: 'MIIB',
    certificateId: id.padEnd(44, '='),
    publicKeyId: id.padEnd(44, '='),
    validFrom: new Date(now + fromDays * day).toISOString(),
    validTo: new Date(now + toDays * day).toISOString(),
    usage: [usage],
  };
}

/** A stand-in for the runner that serves queued answers to `GET /security/public-key-certificates`. */
function fakeApi(answers: (PublicKeyCertificate[] | Error)[]): { api: ApiRunner; calls: () => number } {
  let calls = 0;
  const api = {
    call: async () => {
      const answer = answers[Math.min(calls, answers.length - 1)];
      calls++;
      if (answer instanceof Error) throw answer;
      return { status: 200, headers: {}, body: answer };
    },
  } as unknown as ApiRunner;
  return { api, calls: () => calls };
}

describe('PublicKeyManager', () => {
  test('fetches lazily and picks the newest currently valid key per usage', async () => {
    const { api, calls } = fakeApi([[entry('old', 'SymmetricKeyEncryption', -100, 100), entry('new', 'SymmetricKeyEncryption', -1, 300), entry('future', 'SymmetricKeyEncryption', 5, 400), entry('token', 'KsefTokenEncryption', -10, 100)]]);
    const manager = new PublicKeyManager(api, clock, { random: () => 0.5 });
    expect(calls()).toBe(0);
    expect((await manager.certificate('SymmetricKeyEncryption')).publicKeyId).toMatch(/^new/);
    expect((await manager.certificate('KsefTokenEncryption')).publicKeyId).toMatch(/^token/);
    expect(calls()).toBe(1);
  });

  test('refreshes after its maximum age; a failed refresh keeps a still-valid key', async () => {
    const { api, calls } = fakeApi([[entry('a', 'SymmetricKeyEncryption', -1, 300)], new Error('KSeF down')]);
    const manager = new PublicKeyManager(api, clock, { maxAgeMs: day, random: () => 0 });
    await manager.certificate('SymmetricKeyEncryption');
    now += 2 * day;
    expect((await manager.certificate('SymmetricKeyEncryption')).publicKeyId).toMatch(/^a/);
    expect(calls()).toBe(2);
  });

  test('with no key at all, fails with publicKey.unavailable (recovery retry) instead of crashing', async () => {
    const { api } = fakeApi([new Error('ECONNREFUSED')]);
    const manager = new PublicKeyManager(api, clock);
    await expect(manager.certificate('KsefTokenEncryption')).rejects.toMatchObject({ code: 'publicKey.unavailable', recovery: 'retry' });
  });

  test('a fetch that failed for good (404 from a wrong base URL) keeps its verdict: no "retry later"', async () => {
    const notFound = new KsefError('KSeF answered security.publicKeyCertificates with HTTP 404: no error details in the response. Check the base URL (it must end in /v2).', {
      code: 'http.notFound', recovery: 'fatal', httpStatus: 404, advice: 'Check the base URL (it must end in /v2).',
    });
    const manager = new PublicKeyManager(fakeApi([notFound]).api, clock);
    const error = await manager.certificate('KsefTokenEncryption').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'publicKey.unavailable', recovery: 'fatal', cause: notFound, advice: undefined });
    expect((error as KsefError).message).not.toMatch(/retry/i);
    expect(notFound.fact).toBe('KSeF answered security.publicKeyCertificates with HTTP 404: no error details in the response.');
  });

  test('on 21470 re-fetches the list and repeats once with the new key', async () => {
    const { api, calls } = fakeApi([[entry('retired', 'SymmetricKeyEncryption', -1, 300)], [entry('fresh', 'SymmetricKeyEncryption', -1, 300)]]);
    const manager = new PublicKeyManager(api, clock);
    const used: string[] = [];
    const result = await manager.withCertificate('SymmetricKeyEncryption', async (certificate) => {
      used.push(certificate.publicKeyId.slice(0, 7));
      if (certificate.publicKeyId.startsWith('retired')) {
        throw new KsefError('retired key', { code: 'http.badRequest', recovery: 'retry', exceptions: [{ code: 21470, description: 'klucz wycofany', details: [] }] });
      }
      return 'opened';
    });
    expect(result).toBe('opened');
    expect(used).toEqual(['retired', 'fresh==']);
    expect(calls()).toBe(2);
  });
});
