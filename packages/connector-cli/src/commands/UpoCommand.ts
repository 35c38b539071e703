// @peculiar/x509 (loaded with core) reads decorator metadata through the global Reflect API.
import 'reflect-metadata';
import path from 'node:path';
import { connectionUsage } from '../args/connectionUsage.js';
import type { CliCommand } from '../CliCommand.js';
import type { CliIo } from '../CliIo.js';
import { runLookupCommand } from '../lookup/runLookupCommand.js';
import { writeUpoFile } from '../lookup/writeUpoFile.js';
import { parseUpoArguments } from '../upo/UpoArguments.js';

const usage = `Usage: ksef upo (--env test|demo|prod | --base-url URL) --nip NIP
                (--token-file F | --token T | --cert PEM --key PEM [--key-passphrase P] | --p12 FILE [--p12-passphrase P])
                --session REF --ksef-number NUMBER --out DIR [--json]

Downloads the UPO (Urzędowe Poświadczenie Odbioru) of one invoice in KSeF by its KSeF number and
writes it, byte for byte as KSeF serves it, to DIR/<ksefNumber>.xml — the name \`ksef send
--upo-dir\` gives it. Use it when \`ksef send\` could not save a UPO, or to fetch one again.

The session reference is required because KSeF serves an invoice's UPO only through the session
it was sent in (GET /sessions/{ref}/invoices/ksef/{ksefNumber}/upo); \`ksef send\` printed both,
and \`ksef status --session REF\` lists a session's KSeF numbers.

${connectionUsage}

Options:
  --session REF          the session the invoice was sent in (…-SO-… or …-SB-…)
  --ksef-number NUMBER   the invoice's KSeF number (NIP-YYYYMMDD-XXXXXXXXXXXX-CC)
  --out DIR              the folder to write <ksefNumber>.xml into (created if missing; an
                         existing file of that name is replaced)
  --json                 print {"session","ksefNumber","upoFile","sha256"} on stdout (sha256:
                         Base64 SHA-256 of the file); on an error {"error":{"code","message"}}

Exit codes:
  0    the UPO was written
  1    it was not: bad arguments, credentials, authentication, KSeF unreachable, no such session,
       or no invoice with that KSeF number in the session (the message says what to check)`;

/** `ksef upo`: downloads one invoice's UPO by session reference and KSeF number. */
export const upoCommand: CliCommand = {
  name: 'upo',
  usage,
  run: (args: readonly string[], io: CliIo): Promise<number> =>
    runLookupCommand(
      {
        name: 'upo',
        usage,
        parse: parseUpoArguments,
        target: (parsed, baseUrl) => ({ baseUrl, nip: parsed.nip, session: parsed.session, ksefNumber: parsed.ksefNumber }),
        lookUp: async (parsed, { client, description }, out, fail) => {
          out.stderr(`Downloading the UPO of ${parsed.ksefNumber} from session ${parsed.session} at ${client.baseUrl} for NIP ${parsed.nip} (${description}).\n`);
          const upo = await client.session(parsed.session).invoiceUpoByKsefNumber(parsed.ksefNumber);
          let upoFile: string;
          try {
            upoFile = await writeUpoFile({ shown: parsed.out, path: path.resolve(out.cwd, parsed.out) }, `${parsed.ksefNumber}.xml`, upo.bytes);
          } catch (error) {
            const reason = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : error instanceof Error ? error.message : String(error);
            return fail({ code: 'upo.notWritten', message: `cannot write ${path.join(parsed.out, `${parsed.ksefNumber}.xml`)} (${reason}); choose another --out folder.` });
          }
          out.stdout(parsed.json ? `${JSON.stringify({ session: parsed.session, ksefNumber: parsed.ksefNumber, upoFile, sha256: upo.sha256 })}\n` : `UPO of ${parsed.ksefNumber} written to ${upoFile}\n`);
          return 0;
        },
      },
      args,
      io,
    ),
};
