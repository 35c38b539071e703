import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSimulator } from './index.js';
import type { ApiSchema } from '@ksef-connect/spec';
import { TestClient, fa3Invoice, uniqueInvoiceNumber } from './__fixtures__/TestClient.js';

describe('README', () => {
  it('runs the startSimulator example as written', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = /## Use it from a test\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const lines: unknown[][] = [];
    const log = (...args: unknown[]): void => void lines.push(args);
    const run = new Function('startSimulator', 'console', `return (async () => {\n${example ?? ''}\n})();`) as (s: typeof startSimulator, c: { log: typeof log }) => Promise<void>;
    await run(startSimulator, { log });
    expect(lines[0]?.[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
    expect(lines[0]?.[1]).toBe(2);
    expect(lines[0]?.[2]).toMatch(/^\d{10}$/);
  });

  it('a dataDir restart keeps sessions and invoices', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ksef-sim-'));
    try {
      const first = await startSimulator({ dataDir: dir, seed: 'persist' });
      const client = new TestClient(first);
      await client.login();
      const session = await client.openSession();
      const number = uniqueInvoiceNumber();
      const sent = await client.sendInvoice(session, fa3Invoice(first.sample.nip, number));
      const accepted = await client.invoiceOutcome(session.reference, sent.body.referenceNumber);
      await first.close();

      const second = await startSimulator({ dataDir: dir, seed: 'persist' });
      try {
        const again = new TestClient(second);
        await again.login(first.sample.nip, first.sample.token);
        const status = await again.call<ApiSchema<'SessionInvoiceStatusResponse'>>('GET', `/sessions/${session.reference}/invoices/${String(sent.body.referenceNumber)}`);
        expect(status.body.ksefNumber).toBe(accepted.body.ksefNumber);
        const duplicate = await again.openSession();
        const dup = await again.sendInvoice(duplicate, fa3Invoice(first.sample.nip, number));
        expect((await again.invoiceOutcome(duplicate.reference, dup.body.referenceNumber)).body.status.code).toBe(440);
        expect(duplicate.reference).not.toBe(session.reference);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
