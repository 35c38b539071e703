#!/usr/bin/env node
// `npm run bench` (after a build): runs every benchmark module listed here, in order. A module
// exports `name` and `run({ root, log })`, returning lines of results; add new ones to the list.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchmarks = [await import('./validation.bench.js'), await import('./send.bench.js'), await import('./batch.bench.js')];

let failed = false;
for (const bench of benchmarks) {
  process.stdout.write(`\n== ${bench.name}\n`);
  try {
    const ok = await bench.run({ root, log: (line) => process.stdout.write(`${line}\n`) });
    if (ok === false) failed = true;
  } catch (error) {
    failed = true;
    process.stdout.write(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
