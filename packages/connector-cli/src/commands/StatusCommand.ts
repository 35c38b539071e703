// @peculiar/x509 (loaded with core) reads decorator metadata through the global Reflect API.
import 'reflect-metadata';
import path from 'node:path';
import { connectionUsage } from '../args/connectionUsage.js';
import type { CliCommand } from '../CliCommand.js';
import type { CliIo } from '../CliIo.js';
import { runLookupCommand } from '../lookup/runLookupCommand.js';
import { formatStatusJson, formatStatusReport } from '../status/formatStatusReport.js';
import { lookUpSession } from '../status/lookUpSession.js';
import { defaultStatusWaitTimeoutSeconds, parseStatusArguments } from '../status/StatusArguments.js';
import { statusExitCode } from '../status/StatusReport.js';

const usage = `Usage: ksef status (--env test|demo|prod | --base-url URL) --nip NIP
                   (--token-file F | --token T | --cert PEM --key PEM [--key-passphrase P] | --p12 FILE [--p12-passphrase P])
                   --session REF [--invoice REF ...] [--upo-dir DIR] [--wait-timeout SEC] [--json]

Looks up a session KSeF already has — later, and from any machine with the same credentials —
typically one \`ksef send\` reported as unknown (exit code 3): the session's status, and each
invoice's status and KSeF number. Sends nothing, so running it again is always safe.

${connectionUsage}

Options:
  --session REF      the session reference \`ksef send\` printed (…-SO-… online, …-SB-… batch)
  --invoice REF      report only this invoice (its …-EE-… reference); repeat for more; by default
                     every invoice of the session is reported
  --upo-dir DIR      write the UPOs as \`ksef send --upo-dir\` names them: <ksefNumber>.xml per
                     invoice in KSeF, and session-<REF>-<n>.xml per session UPO page once the
                     session is processed
  --wait-timeout S   wait up to S seconds for invoices KSeF is still processing (default
                     ${defaultStatusWaitTimeoutSeconds}: read once and report)
  --json             print one JSON object on stdout:
                     {"session":{"referenceNumber","status":{"code","description","details"},
                       "invoiceCount","successfulInvoiceCount","failedInvoiceCount","upoFiles"},
                      "invoices":[{"referenceNumber","invoiceHash","invoiceNumber","ksefNumber",
                       "status":{"code","description","details","extensions"},"upoFile",
                       "outcome","message"}]}
                     null where a value does not exist; "outcome" is accepted, alreadyInKsef (a
                     duplicate of the same document sent earlier: "ksefNumber" is the original's),
                     rejected, processing or notFound (an --invoice reference the session does
                     not have); on an error {"error":{"code","message"}}

Progress goes to stderr, the table (or JSON) to stdout.

Exit codes (as for ksef send):
  0    every listed invoice is in KSeF (accepted, or alreadyInKsef)
  2    some invoice was rejected by KSeF; or the session lists none and failed or was cancelled
  3    some invoice is still processing: ask again later, or with --wait-timeout; or the session
       lists none yet and is still open or processing (a batch lists its invoices once processed)
  1    could not look up: bad arguments, credentials, authentication, KSeF unreachable, no such
       session for this NIP here, or an --invoice reference the session does not have`;

/** `ksef status`: the status, KSeF numbers and UPOs of a session's invoices, by session reference. */
export const statusCommand: CliCommand = {
  name: 'status',
  usage,
  run: (args: readonly string[], io: CliIo): Promise<number> =>
    runLookupCommand(
      {
        name: 'status',
        usage,
        parse: parseStatusArguments,
        target: (parsed, baseUrl) => ({ baseUrl, nip: parsed.nip, session: parsed.session }),
        lookUp: async (parsed, { client, description }, out) => {
          out.stderr(`Looking up session ${parsed.session} at ${client.baseUrl} for NIP ${parsed.nip} (${description}).\n`);
          const report = await lookUpSession(client, parsed.session, {
            invoiceReferences: parsed.invoices,
            upoDir: parsed.upoDir === undefined ? undefined : { shown: parsed.upoDir, path: path.resolve(out.cwd, parsed.upoDir) },
            waitTimeoutMs: parsed.waitTimeoutMs,
            progress: (line) => out.stderr(`${line}\n`),
          });
          out.stdout(parsed.json ? formatStatusJson(report) : formatStatusReport(report));
          return statusExitCode(report);
        },
      },
      args,
      io,
    ),
};
