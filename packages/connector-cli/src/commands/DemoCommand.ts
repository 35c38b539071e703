// @peculiar/x509 (loaded with core and the simulator) reads decorator metadata through the global Reflect API.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseNip } from '@ksef-connect/core';
import { parseCommandArgs } from '../args/parseCommandArgs.js';
import type { CliCommand } from '../CliCommand.js';
import type { CliIo } from '../CliIo.js';
import { copySampleInvoices, sampleInvoiceFolders } from '../demo/copySampleInvoices.js';
import { formatSendReport } from '../send/formatSendReport.js';
import { runSend, type SendOutcome } from '../send/runSend.js';
import type { SendArguments } from '../send/SendArguments.js';
import type { InvoiceReport } from '../send/SendReport.js';

const usage = `Usage: ksef demo [--keep] [--json]

Shows the whole send flow on this machine, without any account or network access: starts a local
KSeF 2.0 simulator, copies the bundled sample invoices (examples/invoices) into a temporary folder
with fresh invoice numbers, validates them, sends them exactly as \`ksef send\` does (one online
session per form, KSeF token auth), waits for the KSeF numbers, saves the UPOs, and finally sends
the first invoice once more to show KSeF's duplicate detection (440 with the original number).

Options:
  --keep   keep the temporary folder (invoices and UPOs); by default it is removed at the end
  --json   print one JSON object: {"simulatorUrl","folder","kept","nip","sessions","invoices","duplicateCheck"}

Exit code: 0 when everything went as shown, 1 otherwise.`;

/** `ksef demo`: the send flow end to end against an in-process simulator. */
export const demoCommand: CliCommand = {
  name: 'demo',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { values } = parseCommandArgs(args, { options: { keep: { type: 'boolean' }, json: { type: 'boolean' } } });
    const keep = values.keep === true;
    const json = values.json === true;
    const fail = (message: string): number => {
      io.stderr(`ksef demo: ${message}\n`);
      if (json) io.stdout(`${JSON.stringify({ error: { code: 'demo.failed', message } })}\n`);
      return 1;
    };

    // Loaded only here: the other commands do not need the simulator.
    const { startSimulator } = await import('@ksef-connect/simulator');
    const folder = await mkdtemp(path.join(tmpdir(), 'ksef-demo-'));
    const simulator = await startSimulator({ port: 0, host: '127.0.0.1' });
    try {
      const { nip, token } = simulator.sample;
      io.stderr(`KSeF simulator started at ${simulator.url} (sample NIP ${nip}).\n`);
      let names: string[];
      try {
        names = await copySampleInvoices(path.join(folder, 'invoices'), nip, `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`, sampleInvoiceFolders(io.cwd));
      } catch (error) {
        return fail(error instanceof Error ? error.message : String(error));
      }
      io.stderr(`Copied ${names.length} sample invoice(s) into ${path.join(folder, 'invoices')}.\n`);

      // The same path as `ksef send --base-url URL --nip NIP --upo-dir upo invoices` with KSEF_TOKEN set.
      const sendIo: CliIo = { ...io, cwd: folder, env: { ...io.env, KSEF_TOKEN: token } };
      const request: SendArguments = {
        paths: ['invoices'],
        target: { env: 'test', baseUrl: simulator.url },
        nip: parseNip(nip),
        credentials: { kind: 'token' },
        upoDir: 'upo',
        waitTimeoutMs: 60_000,
        json,
        transport: 'online',
        compression: 'Zip',
      };
      const outcome = await runSend(request, sendIo, () => undefined);
      if (outcome.exitCode !== 0) return fail(outcomeProblem(outcome));

      const first = outcome.report.invoices[0];
      io.stderr(`\nSending ${first?.file ?? 'the first invoice'} once more, to show KSeF's duplicate detection…\n`);
      const again = await runSend({ ...request, paths: [first?.file ?? ''], upoDir: undefined }, sendIo, () => undefined);
      const duplicate = again.error !== undefined ? undefined : again.report.invoices[0];
      if (duplicate?.outcome !== 'alreadyInKsef' || duplicate.ksefNumber !== first?.ksefNumber) {
        return fail(`the repeated send was expected to come back as alreadyInKsef with ${first?.ksefNumber ?? '?'}, but it did not: ${again.error !== undefined ? again.error.message : (duplicate?.message ?? 'no report')}`);
      }

      if (json) {
        io.stdout(`${JSON.stringify({ simulatorUrl: simulator.url, folder, kept: keep, nip, sessions: outcome.report.sessions, invoices: outcome.report.invoices, duplicateCheck: duplicate })}\n`);
      } else {
        io.stdout(formatSendReport(outcome.report, outcome.baseUrl));
        io.stdout(explanation({ simulatorUrl: simulator.url, folder, keep, nip, invoices: outcome.report.invoices, formCodes: outcome.report.sessions.map((s) => s.formCode), duplicate }));
      }
      return 0;
    } finally {
      await simulator.close();
      if (!keep) await rm(folder, { recursive: true, force: true });
    }
  },
};

function outcomeProblem(outcome: SendOutcome): string {
  if (outcome.error !== undefined) return outcome.error.message;
  const bad = outcome.report.invoices.filter((i) => i.ksefNumber === null).map((i) => i.file);
  return `not every sample invoice was accepted (exit code ${outcome.exitCode}: ${bad.join(', ')}); the bundled samples or the simulator have changed.`;
}

function explanation(run: {
  simulatorUrl: string; folder: string; keep: boolean; nip: string; invoices: readonly InvoiceReport[]; formCodes: readonly string[]; duplicate: InvoiceReport;
}): string {
  const kept = run.keep ? `are in ${run.folder}/upo` : `were written to ${run.folder} (removed now; \`ksef demo --keep\` keeps them)`;
  return [
    '',
    `Duplicate check: ${run.duplicate.file} sent again → ${run.duplicate.outcome}: ${run.duplicate.message}`,
    '',
    'What just happened',
    `  1. A KSeF 2.0 simulator started on this machine at ${run.simulatorUrl}; it stopped when the demo ended.`,
    `  2. The ${run.invoices.length} sample invoices from examples/invoices were copied, issued by the simulator's sample NIP ${run.nip} and given fresh invoice numbers.`,
    '  3. Each was validated offline (XSD + KSeF acceptance rules) before anything was sent.',
    `  4. ksef authenticated with a KSeF token and opened one online session per form (${run.formCodes.join(', ')}): each invoice was AES-256 encrypted and sent, then the session was closed.`,
    `  5. KSeF assigned the KSeF numbers above; the official receipts (UPO XML, one per invoice and per session) ${kept}.`,
    '  6. The first invoice was sent once more: KSeF refused it as a duplicate (440) naming the original KSeF number; ksef compared',
    '     the two documents\' SHA-256, found them identical and reported alreadyInKsef — so re-running an interrupted `ksef send`',
    '     never registers an invoice twice and needs no judgement from you.',
    '',
    'Next steps',
    '  ksef validate your-invoices/                 check your own files offline',
    '  ksef simulator                               run the simulator yourself; point `ksef send --base-url` at it',
    '  ksef send your-invoices/ --env test --nip NIP --token-file token.txt --upo-dir upo',
    '                                               send to the Ministry\'s TEST environment (README: "Sending to KSeF TEST, step by step")',
    '',
  ].join('\n');
}
