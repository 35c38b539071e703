import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../CliIo.js';
import { copySampleInvoices } from '../demo/copySampleInvoices.js';
import { main } from '../main.js';

function bufferIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), readStdin: async () => Buffer.alloc(0), env: {}, cwd: process.cwd() };
}

interface DemoJson {
  simulatorUrl: string;
  folder: string;
  kept: boolean;
  nip: string;
  sessions: Array<{ referenceNumber: string; formCode: string; status: { code: number } | null; upoFiles: string[] }>;
  invoices: Array<{ file: string; ksefNumber: string | null; upoFile: string | null; sessionReferenceNumber: string | null }>;
  duplicateCheck: { file: string; ksefNumber: string | null; outcome: string; sessionReferenceNumber: string | null };
}

describe('ksef demo', () => {
  it('--json --keep: every sample accepted with a UPO, one session per form, and the repeat is a 440 naming the original', async () => {
    const io = bufferIo();
    const code = await main(['demo', '--json', '--keep'], io);
    expect(io.err.join('')).toContain('KSeF simulator started at');
    expect(code).toBe(0);
    const report = JSON.parse(io.out.join('')) as DemoJson;
    try {
      expect(report.kept).toBe(true);
      const samples = readdirSync(fileURLToPath(new URL('../../../../examples/invoices/', import.meta.url))).filter((f) => f.endsWith('.xml'));
      expect(report.invoices.map((i) => path.basename(i.file)).sort()).toEqual(samples.sort());
      for (const invoice of report.invoices) {
        expect(invoice.ksefNumber).toMatch(new RegExp(`^${report.nip}-\\d{8}-`));
        expect(readFileSync(path.join(report.folder, invoice.upoFile ?? ''), 'utf8')).toContain(invoice.ksefNumber);
        // Fresh numbers: the copy is issued by the sample NIP and no longer carries the bundled number.
        const copy = readFileSync(path.join(report.folder, invoice.file), 'utf8');
        expect(copy).toMatch(/<(P_2|P_4C)>DEMO\//);
        expect(copy).toContain(`<NIP>${report.nip}</NIP>`);
      }
      expect(new Set(report.sessions.map((s) => s.formCode)).size).toBe(report.sessions.length);
      expect(report.sessions.every((s) => s.status?.code === 200 && s.upoFiles.length > 0)).toBe(true);
      // The repeat is refused by KSeF (440) and recognised by its hash as the very document already there.
      expect(report.duplicateCheck.outcome).toBe('alreadyInKsef');
      expect(report.duplicateCheck.ksefNumber).toBe(report.invoices[0]?.ksefNumber);
      expect(report.duplicateCheck.sessionReferenceNumber).toBe(report.invoices[0]?.sessionReferenceNumber);
    } finally {
      rmSync(report.folder, { recursive: true, force: true });
    }
  });

  it('prints the table and what happened, and removes its folder without --keep', async () => {
    const io = bufferIo();
    expect(await main(['demo'], io)).toBe(0);
    const out = io.out.join('');
    expect(out).toMatch(/^FILE\s+RESULT/);
    expect(out).toContain('What just happened');
    expect(out).toMatch(/sent again → alreadyInKsef: .* was already in KSeF: the same document \(same SHA-256\)/);
    const folder = /were written to (\S+) \(removed now/.exec(out)?.[1];
    expect(folder).toBeDefined();
    expect(existsSync(folder ?? '')).toBe(false);
  });

  it('names where it looked when the sample invoices are missing', async () => {
    const nowhere = path.join(tmpdir(), 'ksef-demo-no-such-folder');
    await expect(copySampleInvoices(path.join(tmpdir(), 'unused'), '5265877635', 'x', [nowhere])).rejects.toThrow(
      `The sample invoices (examples/invoices of the ksef-connect repository) were not found; looked in ${nowhere}.`,
    );
  });
});
