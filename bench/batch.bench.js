// Batch sending at volume (issue "Batch sessions at volume"): 1 000 and then 10 000 generated FA(3)
// invoices through the built `ksef send --batch` against an in-process simulator over real HTTP.
// Prints the wall time and the sender's peak RSS (GNU time's %M) of each run: the package is built
// as a stream, so the RSS should barely grow from 1 000 to 10 000 invoices. Files go to .bench/.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startSimulator } from '@ksef-connect/simulator';

export const name = 'batch: ksef send --batch, 1 000 and 10 000 FA(3) invoices to the simulator';

const counts = [1_000, 10_000];

export async function run({ root, log }) {
  const work = path.join(root, '.bench', 'batch');
  const ksef = path.join(root, 'packages/connector-cli/bin/ksef.js');
  const template = readFileSync(path.join(root, 'examples/invoices/fa3-vat-invoice.xml'), 'utf8');
  const simulator = await startSimulator({ port: 0, limits: 'off' });
  let ok = true;
  try {
    const { nip, token } = simulator.sample;
    for (const count of counts) {
      const dir = path.join(work, String(count));
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const xml = template.replaceAll('5265877635', nip);
      for (let i = 0; i < count; i++) {
        writeFileSync(path.join(dir, `invoice-${String(i).padStart(5, '0')}.xml`), xml.replace(/<P_2>[^<]*<\/P_2>/, `<P_2>FV/BENCH/${count}/${Date.now()}/${i}</P_2>`));
      }
      const started = process.hrtime.bigint();
      const result = await runTimed(ksef, ['send', dir, '--batch', '--base-url', simulator.url, '--nip', nip, '--json', '--wait-timeout', '1800'], { ...process.env, KSEF_TOKEN: token });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      let accepted = 0;
      let sessions = 0;
      try {
        const report = JSON.parse(result.stdout);
        accepted = report.invoices.filter((i) => i.outcome === 'accepted').length;
        sessions = report.sessions.length;
      } catch {
        // Reported below as a failure.
      }
      const rssMb = result.maxRssKb === undefined ? 'n/a' : `${(result.maxRssKb / 1024).toFixed(0)} MB`;
      log(`${String(count).padStart(6)} invoices: ${seconds.toFixed(1)} s wall, peak RSS ${rssMb}, ${sessions} session(s), ${accepted} accepted, exit ${result.status}`);
      if (result.status !== 0 || accepted !== count) {
        ok = false;
        log(`  not every invoice was accepted; last stderr lines:\n${result.stderr.split('\n').slice(-8).join('\n')}`);
      }
    }
  } finally {
    await simulator.close();
  }
  return ok;
}

/** Spawns `node args…` under GNU time (asynchronously: the simulator in this process must answer). */
function runTimed(script, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'maxrss-kb=%M', process.execPath, script, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => {
      const match = /maxrss-kb=(\d+)/.exec(stderr);
      resolve({ status, stdout, stderr, maxRssKb: match ? Number(match[1]) : undefined });
    });
  });
}
