import { createKsefClient, createXadesSigner, externalXadesSigner, generateTestCertificate, isKsefError, nipContext, parseNip, type XadesSigner } from '@ksef-connect/core';
import { startSimulator, type RunningSimulator } from '@ksef-connect/simulator';
import { sampleInvoice } from './invoiceFixtures.js';
import { simulatorClock } from './simulatorClock.js';

describe('XAdES authentication against the simulator', () => {
  let simulator: RunningSimulator;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });

  afterAll(async () => {
    await simulator.close();
  });

  async function sendOneWith(signer: XadesSigner): Promise<number> {
    const client = createKsefClient({
      baseUrl: simulator.url,
      env: 'test',
      context: nipContext(parseNip(simulator.sample.nip)),
      credentials: { signer },
      clock: simulatorClock(simulator),
      onWarning: () => undefined,
    });
    try {
      await using session = await client.openOnlineSession({ formCode: 'FA (3)' });
      const sent = await session.send(sampleInvoice('FA (3)', simulator.sample.nip));
      return (await session.waitForInvoice(sent.referenceNumber)).status.code;
    } finally {
      await client.close();
    }
  }

  test.each(['rsa', 'ec'] as const)('a self-signed %s company seal for the context NIP authenticates and sends', async (kind) => {
    const credentials = await generateTestCertificate({ kind, nip: simulator.sample.nip, commonName: `Test seal ${kind}` });
    const signer = createXadesSigner({ certificatePem: credentials.certificatePem, privateKeyPem: credentials.privateKeyPem });
    expect(await sendOneWith(signer)).toBe(200);
  });

  test('an external signer receives the unsigned AuthTokenRequest and returns the signed one', async () => {
    const credentials = await generateTestCertificate({ kind: 'ec', nip: simulator.sample.nip, commonName: 'HSM seal' });
    const inner = createXadesSigner({ certificatePem: credentials.certificatePem, privateKeyPem: credentials.privateKeyPem });
    const seen: string[] = [];
    const signer = externalXadesSigner(async (unsigned: string) => {
      seen.push(unsigned);
      return inner.sign(unsigned);
    });
    expect(await sendOneWith(signer)).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain(`<Nip>${simulator.sample.nip}</Nip>`);
    expect(seen[0]).not.toContain('Signature');
  });

  test('a seal of another NIP has no permissions in the context: authentication fails with a fatal auth error', async () => {
    const credentials = await generateTestCertificate({ kind: 'rsa', nip: '5265877635', commonName: 'Stranger' });
    const signer = createXadesSigner({ certificatePem: credentials.certificatePem, privateKeyPem: credentials.privateKeyPem });
    const error = await sendOneWith(signer).catch((e: unknown) => e);
    expect(isKsefError(error, 'auth.failed')).toBe(true);
    expect(isKsefError(error) && error.recovery).toBe('fatal');
  });
});
