import { DuplicateOriginals, isKsefError, systemClock, type Clock, type InvoiceOutcome, type KsefClient, type SessionReader, type SessionStatus } from '@ksef-connect/core';
import { writeUpoFile, type UpoDir } from '../lookup/writeUpoFile.js';
import type { InvoiceLookupOutcome, InvoiceLookupReport, StatusReport } from './StatusReport.js';

/** Options of {@link lookUpSession}. */
export interface LookUpSessionOptions {
  /** The invoices to report, by reference; every invoice of the session when empty. */
  readonly invoiceReferences: readonly string[];
  /** Where to write UPOs (`<ksefNumber>.xml`, `session-<ref>-<n>.xml`); none when undefined. */
  readonly upoDir?: UpoDir | undefined;
  /** How long to wait for invoices still processing; 0 reads once. */
  readonly waitTimeoutMs: number;
  /** Progress lines (stderr in the CLI), without a trailing newline. */
  readonly progress: (line: string) => void;
  readonly signal?: AbortSignal;
  /** Measures `waitTimeoutMs`; the client's own clock paces the polling. */
  readonly clock?: Clock;
}

// KSeF's "no invoice with this reference in the session" (a 400, open-api.json).
const noSuchInvoice = 21164;

/** A duplicate (440) whose original is the very same document: where the original is. */
interface SameDocument {
  readonly reader: SessionReader;
  readonly outcome: InvoiceOutcome;
}

/** How a 440 duplicate compares with its original: the same document, a `different` one, or `unknown` (not a duplicate, or the original could not be read). */
type Original = SameDocument | 'different' | 'unknown';

/**
 * `ksef status`: reads a session by reference — from any machine, with no session key — and reports
 * its status and each invoice's (all of them, or the given references), waiting up to
 * `waitTimeoutMs` for invoices still processing. A duplicate (440) of the same document sent
 * earlier counts as alreadyInKsef with the original's KSeF number, as in `ksef send`. UPOs go to
 * `upoDir` named as `ksef send` names them. Sends nothing. An unknown session throws (KSeF 21173).
 */
export async function lookUpSession(client: Pick<KsefClient, 'session'>, referenceNumber: string, options: LookUpSessionOptions): Promise<StatusReport> {
  const { progress, signal } = options;
  const clock = options.clock ?? systemClock;
  const deadline = clock.now().getTime() + options.waitTimeoutMs;
  const reader = client.session(referenceNumber);
  let session = await reader.status(signal);
  progress(`Session ${referenceNumber}: ${session.code} ${session.description}.`);

  const found = new Map<string, InvoiceOutcome | null>();
  if (options.invoiceReferences.length === 0) {
    for await (const outcome of reader.invoices(signal)) found.set(outcome.referenceNumber, outcome);
  } else {
    for (const reference of options.invoiceReferences) {
      if (found.has(reference)) continue;
      found.set(reference, await readInvoice(reader, reference, signal));
    }
  }

  let waited = false;
  for (const [reference, outcome] of found) {
    if (outcome === null || outcome.final) continue;
    const remaining = deadline - clock.now().getTime();
    if (remaining <= 0) break;
    waited = true;
    progress(`Waiting up to ${Math.ceil(remaining / 1000)} s for invoice ${reference} (${outcome.status.code} ${outcome.status.description})…`);
    try {
      found.set(reference, await reader.waitForInvoice(reference, { timeoutMs: remaining, signal }));
    } catch (error) {
      if (isKsefError(error) && error.code === 'status.timeout') break;
      throw error;
    }
  }
  // A closed session (170) settles, with its UPO, once its invoices are processed.
  if (waited || (session.code === 170 && deadline > clock.now().getTime())) {
    session = await reader.status(signal);
    const remaining = deadline - clock.now().getTime();
    if (session.code === 170 && remaining > 0) {
      try {
        session = await reader.waitForCompletion({ timeoutMs: remaining, signal });
      } catch (error) {
        if (!(isKsefError(error) && error.code === 'status.timeout')) throw error;
      }
    }
  }

  const originals = new DuplicateOriginals(client, signal);
  const invoices: InvoiceLookupReport[] = [];
  for (const [reference, outcome] of found) {
    if (outcome === null) {
      invoices.push({
        referenceNumber: reference, invoiceHash: null, invoiceNumber: null, ksefNumber: null, status: null, upoFile: null, outcome: 'notFound',
        message: `session ${referenceNumber} has no invoice ${reference}: check the reference (as \`ksef send\` printed it), or list them all with \`ksef status --session ${referenceNumber}\``,
      });
      continue;
    }
    invoices.push(await invoiceReport(reader, outcome, await compareWithOriginal(originals, client, outcome), options));
  }
  return {
    session: {
      referenceNumber,
      status: { code: session.code, description: session.description, details: session.details },
      invoiceCount: session.invoiceCount,
      successfulInvoiceCount: session.successfulInvoiceCount,
      failedInvoiceCount: session.failedInvoiceCount,
      upoFiles: await sessionUpoFiles(reader, session, options),
    },
    invoices,
  };
}

async function readInvoice(reader: SessionReader, reference: string, signal: AbortSignal | undefined): Promise<InvoiceOutcome | null> {
  try {
    return await reader.invoiceStatus(reference, signal);
  } catch (error) {
    if (isKsefError(error) && error.exceptionCodes.includes(noSuchInvoice)) return null;
    throw error;
  }
}

/** Core's duplicate judgement, in the shape the report needs. */
async function compareWithOriginal(originals: DuplicateOriginals, client: Pick<KsefClient, 'session'>, outcome: InvoiceOutcome): Promise<Original> {
  if (outcome.status.code !== 440) return 'unknown';
  const verdict = await originals.judge(outcome, outcome.invoiceHash);
  if (verdict.kind === 'sameDocument') return { reader: client.session(verdict.sessionReferenceNumber), outcome: verdict.original };
  return verdict.kind === 'differentDocument' ? 'different' : 'unknown';
}

async function invoiceReport(reader: SessionReader, outcome: InvoiceOutcome, original: Original, options: LookUpSessionOptions): Promise<InvoiceLookupReport> {
  const same = typeof original === 'string' ? undefined : original;
  const { status } = outcome;
  const session = reader.referenceNumber;
  const kind: InvoiceLookupOutcome = same !== undefined ? 'alreadyInKsef' : status.code === 200 ? 'accepted' : outcome.final ? 'rejected' : 'processing';
  const ksefNumber = same?.outcome.ksefNumber ?? outcome.ksefNumber;
  let upoFile: string | null = null;
  if (options.upoDir !== undefined && ksefNumber !== null && (kind === 'accepted' || kind === 'alreadyInKsef')) {
    try {
      const upo = same !== undefined ? await same.reader.invoiceUpo(same.outcome, options.signal) : await reader.invoiceUpo(outcome, options.signal);
      upoFile = await writeUpoFile(options.upoDir, `${ksefNumber}.xml`, upo.bytes);
    } catch (error) {
      options.progress(
        `Could not save the UPO of ${ksefNumber} (${error instanceof Error ? error.message : String(error)}); the invoice is in KSeF all the same. ` +
        `Try again with \`ksef upo --session ${same?.outcome.sessionReferenceNumber ?? session} --ksef-number ${ksefNumber} --out ${options.upoDir.shown}\`.`,
      );
    }
  }
  return {
    referenceNumber: outcome.referenceNumber,
    invoiceHash: outcome.invoiceHash,
    invoiceNumber: outcome.invoiceNumber,
    ksefNumber,
    status: {
      code: status.code,
      description: status.description,
      details: status.details,
      extensions: Object.keys(status.extensions).length > 0 ? status.extensions : null,
    },
    upoFile,
    outcome: kind,
    message: message(kind, outcome, ksefNumber, session, original === 'different'),
  };
}

function message(kind: InvoiceLookupOutcome, outcome: InvoiceOutcome, ksefNumber: string | null, session: string, differentDocument: boolean): string {
  const { status } = outcome;
  const details = status.details.length > 0 ? ` (${status.details.join('; ')})` : '';
  switch (kind) {
    case 'accepted':
      return `accepted with KSeF number ${ksefNumber ?? '?'}`;
    case 'alreadyInKsef':
      return `already in KSeF as ${ksefNumber ?? '?'} from session ${status.extensions['originalSessionReferenceNumber'] ?? '?'} (the same document, sent earlier); not registered twice`;
    case 'processing':
      return `KSeF is still processing it (${status.code} ${status.description}); nothing was resent — ask again later with \`ksef status --session ${session} --invoice ${outcome.referenceNumber}\`, or wait longer with --wait-timeout`;
    default: {
      const original = status.extensions['originalKsefNumber'];
      const originalSession = status.extensions['originalSessionReferenceNumber'] ?? '?';
      if (status.code === 440 && original && differentDocument) {
        return `rejected: the invoice number is already used by ${original} (session ${originalSession}), a different document; give this invoice a new number and send it again`;
      }
      if (status.code === 440 && original) {
        return `rejected as a duplicate of ${original} (session ${originalSession}), which could not be compared with it; check with \`ksef status --session ${originalSession}\``;
      }
      return `rejected by KSeF: ${status.code} ${status.description}${details}; fix the invoice and send it again`;
    }
  }
}

async function sessionUpoFiles(reader: SessionReader, session: SessionStatus, options: LookUpSessionOptions): Promise<string[]> {
  const upoDir = options.upoDir;
  if (upoDir === undefined || session.upoPages.length === 0) return [];
  const files: string[] = [];
  try {
    const pages = await reader.sessionUpo(options.signal);
    for (const [index, page] of pages.entries()) files.push(await writeUpoFile(upoDir, `session-${reader.referenceNumber}-${index + 1}.xml`, page.bytes));
  } catch (error) {
    options.progress(`Could not save the session UPO of ${reader.referenceNumber} (${error instanceof Error ? error.message : String(error)}); run the same command again to retry.`);
  }
  return files;
}
