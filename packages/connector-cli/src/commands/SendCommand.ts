import type { CliCommand } from '../CliCommand.js';
import { UsageError } from '../CliCommand.js';
import type { CliIo } from '../CliIo.js';
import { redactingIo } from '../secrets/redactingIo.js';
import { credentialOptionsUsage } from '../args/connectionUsage.js';
import { literalSecretArguments } from '../secrets/literalSecretArguments.js';
import type { Secret } from '../secrets/Secret.js';
import { formatSendJson, formatSendReport } from '../send/formatSendReport.js';
import { runSend } from '../send/runSend.js';
import { defaultWaitTimeoutSeconds, parseSendArguments } from '../send/SendArguments.js';

const usage = `Usage: ksef send <files or folders...> (--env test|demo|prod | --base-url URL) --nip NIP
                 (--token-file F | --token T | --cert PEM --key PEM [--key-passphrase P] | --p12 FILE [--p12-passphrase P])
                 [--upo-dir DIR] [--wait-timeout SEC] [--json] [--online | --batch [--compression zip|tar.gz]]

Sends FA(2)/FA(3)/FA_RR(1)/PEF invoices to KSeF 2.0 in online sessions, or with --batch in batch
sessions. Every file is validated first (invalid files are reported and never sent); then one
session is opened per form code, the invoices are sent, the sessions closed, and the final
statuses awaited. Folders are searched
recursively for *.xml, following symbolic links; a broken or looping link stops the run before
anything is sent.

Where:
  --env NAME         test (https://api-test.ksef.mf.gov.pl/v2), demo, or prod; demo and prod take
                     FA (3) only, so there FA (2) files are reported invalid and not sent
  --base-url URL     any KSeF 2.0 API base, e.g. a simulator's http://127.0.0.1:8080/v2; alone it
                     gets TEST rules (FA(2) allowed, NIP check digits not enforced) — add --env to
                     choose others
  --nip NIP          the taxpayer you send for (the session context); a KSeF token issued for
                     another NIP is refused before authenticating, a certificate naming another
                     NIP gets a note (it works only with a permission for --nip)

Credentials (one of):
${credentialOptionsUsage}

Options:
  --upo-dir DIR      write one UPO per accepted invoice (<ksefNumber>.xml) and the session UPO
                     pages (session-<referenceNumber>-<n>.xml); the folder is created and tried
                     before anything is sent, and one that cannot be written stops the run (exit 1)
  --wait-timeout S   how long to wait for final statuses after sending (default ${defaultWaitTimeoutSeconds} s)
  --online           send each invoice on its own in an online session (the default)
  --batch            pack the invoices into a batch package per form code (ZIP, split into parts
                     of at most 100 MB, each encrypted), upload the parts in parallel and close;
                     more than the context's invoices per session (10 000 by default), 50 parts or
                     5 GB go in several sessions. Invoices over the size limit (1 MB, 3 MB with an
                     attachment) and a second file with the same file name or the same invoice
                     number in one package are reported invalid and not sent. PEF goes online only
  --compression C    with --batch: zip (default) or tar.gz
  --json             print one JSON object on stdout:
                     {"sessions":[{"referenceNumber","formCode","status":{"code","description"},"upoFiles"}],
                      "invoices":[{"file","sessionReferenceNumber","referenceNumber","ksefNumber",
                      "status":{"code","description","details","extensions"},"validationErrors","upoFile",
                      "outcome","message"}]}
                     one invoice entry per file (with its session, online or batch), null where a
                     value does not exist; "referenceNumber" of a batch invoice comes once KSeF
                     processed the package; "outcome" is
                     accepted, alreadyInKsef, rejected, invalid, notSent or unknown; on a fatal
                     error {"error":{"code","message"}}, plus "sessions" and "invoices" as far as
                     they got when the run was cut short after a session opened

Progress goes to stderr, the final table (or JSON) to stdout.

Exit codes:
  0    every invoice is in KSeF: accepted now, or alreadyInKsef (this very document was taken by
       an earlier run: same SHA-256 as the original KSeF names)
  2    some invoice was rejected: invalid locally (not sent), or by KSeF — including an invoice
       number already used by a different document
  3    some outcome is still unknown after --wait-timeout; nothing was resent — look it up later
       with \`ksef status --session REF\` (the output names the sessions)
  1    the run could not start or was cut short (bad arguments, credentials, authentication, KSeF
       unreachable), or some invoice was not sent; the message says what to do
  130  interrupted (Ctrl+C, SIGTERM, or the output pipe closed): no further invoice was sent, the
       invoices in flight finished, every open session was closed, and the report names what KSeF
       took, may have taken and never got. A second Ctrl+C quits at once, printing what is known.

Rerunning is always safe: KSeF detects duplicates (same seller NIP, invoice kind and number), and
ksef compares the content of each one with the original: the same document is reported as
alreadyInKsef with its KSeF number (exit 0) and its UPO is saved like any other; a different
document reusing the number is rejected (exit 2). Nothing is ever registered twice.`;

/** `ksef send`: validates and sends invoices in online sessions, waits for statuses, writes UPOs. */
export const sendCommand: CliCommand = {
  name: 'send',
  usage,
  async run(args: readonly string[], rawIo: CliIo): Promise<number> {
    // Literal secrets on the command line are known before parsing, so even a parse error cannot echo them.
    const secrets: Secret[] = literalSecretArguments(args);
    const json = args.includes('--json');
    const io = redactingIo(rawIo, () => secrets, { jsonStdout: json });
    try {
      const parsed = parseSendArguments(args);
      const interruption = io.interruption?.();
      const outcome = await runSend(parsed, io, (secret) => void secrets.push(secret), {
        ...(interruption && { signal: interruption.signal }),
        // A second Ctrl+C quits at once, still printing what is known.
        started: (snapshot) => interruption?.onForce(() => io.stdout(json ? formatSendJson(snapshot()) : formatSendReport(snapshot(), parsed.target.baseUrl ?? parsed.target.env))),
      });
      if (outcome.error !== undefined) {
        io.stderr(`ksef send: ${outcome.error.message}\n`);
        // The message names the files already sent; --json also lists every file as far as it got.
        const { report } = outcome;
        if (json) io.stdout(`${JSON.stringify({ error: outcome.error, ...(report && { sessions: report.sessions, invoices: report.invoices }) })}\n`);
        return 1;
      }
      io.stdout(json ? formatSendJson(outcome.report) : formatSendReport(outcome.report, outcome.baseUrl));
      return outcome.exitCode;
    } catch (error) {
      if (!(error instanceof UsageError)) {
        // Printed here, through the redacting io, rather than by the launcher's stack trace.
        const message = `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
        io.stderr(`ksef send: ${message}\n`);
        if (json) io.stdout(`${JSON.stringify({ error: { code: 'internal', message } })}\n`);
        return 1;
      }
      io.stderr(`ksef send: ${error.message}\n\n${usage}\n`);
      if (json) io.stdout(`${JSON.stringify({ error: { code: 'usage', message: error.message } })}\n`);
      return 1;
    }
  },
};
