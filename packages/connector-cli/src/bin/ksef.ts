#!/usr/bin/env node
import { main } from '../main.js';
import { processIo } from '../CliIo.js';

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // An unexpected failure: one line saying what happened — never a stack trace, never a secret
    // (errors are built without them). KSEF_DEBUG=1 adds the stack for a bug report.
    const detail = error instanceof Error ? (process.env['KSEF_DEBUG'] === '1' ? (error.stack ?? error.message) : error.message) : String(error);
    process.stderr.write(`ksef: internal error: ${detail}\nThis is a bug in ksef; run it again with KSEF_DEBUG=1 and report the output.\n`);
    process.exitCode = 1;
  },
);
