// Sending throughput (issue "Sending as a core capability"): 200 and 1 000 FA(3) invoices sent to a
// simulator with limits off (`ksef simulator --limits off`, a child process), (a) through the built
// `ksef send` in a child process and (b) through the raw core API in this process
// (createKsefClient → openOnlineSession → send each → close → waitForCompletion). Wall time of
// each and the CLI's overhead as a share of its wall time (target < 10 %), with where the time
// goes (phases of each path). The raw path runs both warm (in this process, best of the runs) and
// cold (a fresh `node` process, which pays the imports and XSD compilation as `ksef send` does),
// and once more with 8 sends in flight to show what concurrency within a session would give. For reference: a community TypeScript client sends 200 invoices to
// our simulator in 2.6 s. Files are generated into .bench/send/ (gitignored) from
// examples/invoices/fa3-vat-invoice.xml with unique P_2.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const name = 'sending: ksef send vs the raw core API (200 and 1 000 FA(3), simulator --limits off)';

// BENCH_SEND_SIZES=200 runs only the sizes given (comma-separated).
const sizes = process.env.BENCH_SEND_SIZES ? process.env.BENCH_SEND_SIZES.split(',').map(Number) : [200, 1000];
const runs = 2;

export async function run({ root, log }) {
  const ksef = path.join(root, 'packages/connector-cli/bin/ksef.js');
  const core = await import(pathToFileURL(path.join(root, 'packages/core/dist/index.js')).href);
  const work = path.join(root, '.bench', 'send');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });

  const simulator = await startSimulatorChild(ksef);
  try {
    log(`simulator (child process, --limits off) at ${simulator.url}, NIP ${simulator.nip}`);
    const tokenFile = path.join(work, 'token');
    writeFileSync(tokenFile, `${simulator.token}\n`, { mode: 0o600 });
    const template = readFileSync(path.join(root, 'examples/invoices/fa3-vat-invoice.xml'), 'utf8').replaceAll('5265877635', simulator.nip);
    for (const size of sizes) {
      const raw = [];
      const cli = [];
      const concurrent = [];
      const cold = [];
      for (let r = 0; r < runs; r++) {
        // Fresh invoice numbers per run: KSeF (and the simulator) refuse duplicates with 440.
        raw.push(await sendThroughCore(core, simulator, generate(path.join(work, `raw-${size}-${r}`), template, size, `RAW-${r}`), size, 1));
        cli.push(await sendThroughCli(ksef, simulator, tokenFile, generate(path.join(work, `cli-${size}-${r}`), template, size, `CLI-${r}`), size));
        concurrent.push(await sendThroughCore(core, simulator, generate(path.join(work, `par-${size}-${r}`), template, size, `PAR-${r}`), size, 8));
        cold.push(await sendThroughColdCore(simulator, generate(path.join(work, `cold-${size}-${r}`), template, size, `COLD-${r}`), size));
      }
      const best = (results) => results.reduce((a, b) => (b.total < a.total ? b : a));
      const [rawBest, cliBest, concurrentBest, coldBest] = [best(raw), best(cli), best(concurrent), best(cold)];
      const overhead = ((cliBest.total - rawBest.total) / cliBest.total) * 100;
      const coldOverhead = ((cliBest.total - coldBest.total) / cliBest.total) * 100;
      const label = `${String(size).padStart(5)} invoices`;
      log(`${label}  raw core API:     ${fmt(raw)} (best ${rawBest.total.toFixed(2)} s, ${(size / rawBest.total).toFixed(0)}/s) — ${phases(rawBest)}`);
      log(`${label}  ksef send:        ${fmt(cli)} (best ${cliBest.total.toFixed(2)} s, ${(size / cliBest.total).toFixed(0)}/s) — ${phases(cliBest)}`);
      log(`${label}  raw, new process: ${fmt(cold)} (best ${coldBest.total.toFixed(2)} s) — ${phases(coldBest)}`);
      log(`${label}  CLI overhead:     ${overhead.toFixed(1)} % of its wall time against the warm raw path, ${coldOverhead.toFixed(1)} % against the cold one (target < 10 %)`);
      log(`${label}  raw, 8 in flight: ${fmt(concurrent)} (best ${concurrentBest.total.toFixed(2)} s) — ${phases(concurrentBest)}`);
      if (size === 200) log('  reference: a community TypeScript client, 200 invoices in 2.6 s');
      log(`${label}  target < 10 %: ${overhead < 10 ? 'met' : 'NOT met'} (warm), ${coldOverhead < 10 ? 'met' : 'NOT met'} (cold)`);
    }
    // Wrong outcomes (an invoice not accepted, a rate-limit wait) throw; missed targets are reported above.
    return true;
  } finally {
    rmSync(path.join(work, 'token'), { force: true });
    await simulator.stop();
  }
}

/** `ksef simulator --port 0 --limits off --json` in a child: resolves with its URL, NIP and token once it listens. */
async function startSimulatorChild(ksef) {
  const child = spawn(process.execPath, [ksef, 'simulator', '--port', '0', '--limits', 'off', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const [line] = await Promise.race([
    (async () => {
      for await (const first of createInterface({ input: child.stdout })) return [first];
      return [undefined];
    })(),
    exited.then((code) => {
      throw new Error(`ksef simulator exited ${code} before listening`);
    }),
  ]);
  const { url, nip, token } = JSON.parse(line);
  return {
    url,
    nip,
    token,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function generate(dir, template, count, tag) {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const xml = template.replace(/<P_2>[^<]*<\/P_2>/, `<P_2>FV/BENCH/${tag}/${Date.now()}/${i}</P_2>`);
    writeFileSync(path.join(dir, `invoice-${String(i).padStart(5, '0')}.xml`), xml);
  }
  return dir;
}

/**
 * The raw core API: one client (in this process, so warm after the first run), one session, every
 * invoice sent (`inFlight` at a time), close, wait for processing. Resolves with the phase times.
 */
async function sendThroughCore(core, simulator, dir, expected, inFlight) {
  const clock = stopwatch();
  const client = core.createKsefClient({
    baseUrl: simulator.url,
    context: core.nipContext(core.parseNip(simulator.nip)),
    credentials: { ksefToken: simulator.token },
    onWarning: (warning) => process.stdout.write(`  warning: ${warning.operation} ${warning.message}\n`),
    onWait: (wait) => process.stdout.write(`  rate-limit wait: ${JSON.stringify(wait)}\n`),
  });
  try {
    const files = readdirSync(dir).sort().map((file) => readFileSync(path.join(dir, file)));
    clock.lap('read');
    const session = await client.openOnlineSession({ formCode: 'FA (3)' });
    clock.lap('login+open');
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < files.length) await session.send(files[next++]);
      }),
    );
    clock.lap('validate+send');
    await session.close();
    const status = await session.waitForCompletion({ timeoutMs: 600_000 });
    clock.lap('close+wait');
    if (status.successfulInvoiceCount !== expected) throw new Error(`raw core API: ${status.successfulInvoiceCount} of ${expected} accepted (session ${status.code} ${status.description})`);
    return clock.result();
  } finally {
    await client.close();
  }
}

/** The raw core API in a fresh `node` process (this file, `raw-child` mode): imports, XSD compilation and all. */
async function sendThroughColdCore(simulator, dir, expected) {
  const clock = stopwatch();
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), 'raw-child', dir, String(expected)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_KSEF_URL: simulator.url, BENCH_KSEF_NIP: simulator.nip, BENCH_KSEF_TOKEN: simulator.token },
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  clock.lap('all');
  if (code !== 0) throw new Error(`raw child exited ${code}: ${stdout.slice(-500)}`);
  // The child's own phases, with process start and imports as what precedes its first lap.
  const inner = JSON.parse(stdout.trim().split('\n').pop());
  const insideChild = inner.laps.reduce((sum, [, seconds]) => sum + seconds, 0);
  const total = clock.result().total;
  return { total, laps: [['start+imports', total - insideChild], ...inner.laps] };
}

/**
 * The built `ksef send` in a child process; its --json report is checked, and its stderr progress
 * lines, timed as they arrive, split the run into phases.
 */
async function sendThroughCli(ksef, simulator, tokenFile, dir, expected) {
  const clock = stopwatch();
  const child = spawn(
    process.execPath,
    [ksef, 'send', dir, '--base-url', simulator.url, '--nip', simulator.nip, '--token-file', tokenFile, '--wait-timeout', '600', '--json'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  const stderr = [];
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const marks = [
    [/^Sending /, 'start+credentials'],
    [/^Validated /, 'read+validate'],
    [/^Session .* open\.$/, 'login+open'],
    [/^Session .* closed\.$/, 'send+close'],
  ];
  for await (const line of createInterface({ input: child.stderr })) {
    stderr.push(line);
    const mark = marks.find(([pattern]) => pattern.test(line));
    if (mark) clock.lap(mark[1]);
  }
  const code = await exited;
  clock.lap('wait+statuses+report');
  if (code !== 0) throw new Error(`ksef send exited ${code}: ${stderr.slice(-5).join('\n')}`);
  const waits = stderr.filter((l) => l.startsWith('KSeF allows') || l.startsWith('KSeF refused'));
  if (waits.length > 0) throw new Error(`ksef send waited for rate limits: ${waits[0]}`);
  const accepted = JSON.parse(stdout).invoices.filter((i) => i.status?.code === 200).length;
  if (accepted !== expected) throw new Error(`ksef send: ${accepted} of ${expected} accepted`);
  return clock.result();
}

/** Named laps since it started; `result()` has them and the total, in seconds. */
function stopwatch() {
  const start = process.hrtime.bigint();
  let last = start;
  const laps = [];
  return {
    lap(name) {
      const now = process.hrtime.bigint();
      laps.push([name, Number(now - last) / 1e9]);
      last = now;
    },
    result: () => ({ total: Number(last - start) / 1e9, laps }),
  };
}

function phases(result) {
  return result.laps.map(([name, seconds]) => `${name} ${seconds.toFixed(2)}`).join(', ');
}

function fmt(results) {
  return results.map((r) => `${r.total.toFixed(2)} s`).join(', ');
}

// `node bench/send.bench.js raw-child DIR COUNT` (spawned by sendThroughColdCore): the raw path in
// this fresh process; prints its phases as JSON.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'raw-child') {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const core = await import(pathToFileURL(path.join(root, 'packages/core/dist/index.js')).href);
  const simulator = { url: process.env.BENCH_KSEF_URL, nip: process.env.BENCH_KSEF_NIP, token: process.env.BENCH_KSEF_TOKEN };
  const result = await sendThroughCore(core, simulator, process.argv[3], Number(process.argv[4]), 1);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
