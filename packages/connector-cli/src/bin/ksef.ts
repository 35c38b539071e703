#!/usr/bin/env node
import { main } from '../main.js';
import { processIo } from '../CliIo.js';

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // An unexpected failure: print what happened, never a secret (errors are built without them).
    process.stderr.write(`ksef: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
