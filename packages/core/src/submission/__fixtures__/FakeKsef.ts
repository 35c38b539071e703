import { Agent } from 'undici';
import type { ApiCallInput, ApiResponse } from '../../api/ApiRunner.js';
import type { ApiOperationId } from '../../api/apiOperations.js';
import type { ApiOperationTypes } from '../../api/ApiOperationTypes.js';
import type { KsefApi } from '../../api/KsefApi.js';
import { decryptBytes } from '../../crypto/aes256Cbc.js';
import { generateSymmetricKey } from '../../crypto/generateSymmetricKey.js';
import type { SymmetricKey } from '../../crypto/SymmetricKey.js';
import { KsefError } from '../../errors/KsefError.js';
import type { OpenOnlineSessionOptions } from '../../client/KsefClient.js';
import type { BatchSession } from '../../sessions/BatchSession.js';
import { OnlineSession } from '../../sessions/OnlineSession.js';
import { SessionReader, type SessionContext } from '../../sessions/SessionReader.js';
import type { Clock } from '../../time/Clock.js';
import type { SubmissionClient } from '../InvoiceSubmission.js';

/** A fault the next upload meets. */
export type SendFault =
  /** KSeF registers the invoice, then the response is lost. */
  | 'lostAfterTaking'
  /** KSeF answers 503 without registering it. */
  | 'failWithoutTaking'
  /** KSeF refuses the upload at once (400, 21403 wrong hash). */
  | 'badRequest'
  /** The connection cannot be opened (nothing sent). */
  | 'unreachable';

interface FakeInvoice {
  readonly referenceNumber: string;
  readonly ordinalNumber: number;
  readonly invoiceHash: string;
  readonly invoiceNumber: string;
  ksefNumber: string | null;
  code: number;
  extensions: Record<string, string>;
}

interface FakeSession {
  readonly referenceNumber: string;
  readonly key: SymmetricKey;
  readonly invoices: FakeInvoice[];
  closed: boolean;
  statusReads: number;
}

/**
 * A small in-memory KSeF behind the `KsefApi` port, for unit tests of the submission pipeline:
 * online sessions, uploads (decrypted to find the invoice number, so duplicates behave as in KSeF:
 * same seller NIP and number → 440 naming the original), statuses that settle a few reads after
 * close, invoice lists and UPOs, and scripted faults. Not a second simulator: only what the
 * pipeline calls, and nothing is checked that the real simulator's tests already cover.
 */
export class FakeKsef implements KsefApi, SubmissionClient {
  readonly env = 'test' as const;
  readonly sessions = new Map<string, FakeSession>();
  readonly calls: string[] = [];
  /** Faults for the next uploads, in order. */
  readonly sendFaults: SendFault[] = [];
  /** How many closes fail with 500 before one works. */
  closeFailures = 0;
  /** Status reads after close before the session is processed. */
  readsToProcess = 1;
  /** Called inside each upload, before it is registered (e.g. to interrupt the run mid-send). */
  onUpload: (() => void) | undefined;
  readonly #byNumber = new Map<string, FakeInvoice & { session: string }>();
  #sequence = 0;
  readonly #context: SessionContext;

  constructor(readonly clock: Clock) {
    this.#context = { api: this, clock, dispatcher: new Agent(), timeoutMs: 1_000, statusPolling: { initialMs: 100, factor: 2, maxMs: 1_000, totalMs: 60_000 } };
  }

  async openOnlineSession(options: OpenOnlineSessionOptions): Promise<OnlineSession> {
    this.calls.push('open');
    const key = generateSymmetricKey();
    const referenceNumber = `20260301-SO-${String(++this.#sequence).padStart(10, '0')}-0000000000-00`;
    this.sessions.set(referenceNumber, { referenceNumber, key, invoices: [], closed: false, statusReads: 0 });
    return new OnlineSession({ ...this.#context, validator: undefined, env: 'test', limits: async () => undefined }, referenceNumber, options.formCode, new Date(this.clock.now().getTime() + 43_200_000), key);
  }

  /** Batch sessions are tested against the real simulator (test/send/batchSubmission.test.ts). */
  async openBatchSession(): Promise<BatchSession> {
    throw new KsefError('FakeKsef does not serve batch sessions', { code: 'http.unexpected', recovery: 'fatal' });
  }

  async contextLimits(): Promise<undefined> {
    return undefined;
  }

  session(referenceNumber: string): SessionReader {
    return new SessionReader(this.#context, referenceNumber);
  }

  async call<Id extends ApiOperationId>(id: Id, input: ApiCallInput<Id> = {}): Promise<ApiResponse<ApiOperationTypes[Id]['response']>> {
    this.calls.push(id);
    const session = this.sessions.get(input.params?.['referenceNumber'] ?? '');
    if (!session) throw new KsefError(`no session ${input.params?.['referenceNumber']}`, { code: 'http.notFound', recovery: 'fatal', httpStatus: 404 });
    return { status: 200, headers: {}, body: this.#answer(id, session, input) as ApiOperationTypes[Id]['response'] };
  }

  #answer(id: ApiOperationId, session: FakeSession, input: ApiCallInput<ApiOperationId>): unknown {
    switch (id) {
      case 'onlineSession.sendInvoice':
        return this.#upload(session, input.body as ApiOperationTypes['onlineSession.sendInvoice']['request']);
      case 'onlineSession.close':
        if (this.closeFailures > 0) {
          this.closeFailures--;
          throw new KsefError('KSeF answered 500', { code: 'http.serverError', recovery: 'retry', httpStatus: 500 });
        }
        session.closed = true;
        return undefined;
      case 'sessions.status': {
        if (session.closed) session.statusReads++;
        const processed = this.#processed(session);
        return {
          status: processed ? { code: 200, description: 'Sesja przetworzona' } : session.closed ? { code: 170, description: 'Sesja zamknięta' } : { code: 100, description: 'Sesja otwarta' },
          invoiceCount: session.invoices.length,
          upo: processed ? { pages: [{ referenceNumber: `${session.referenceNumber}-UPO`, downloadUrl: `/sessions/${session.referenceNumber}/upo/1`, downloadUrlExpirationDate: '2026-03-02T00:00:00Z' }] } : null,
        };
      }
      case 'sessions.invoices':
        return { invoices: session.invoices.map((invoice) => this.#view(session, invoice)), continuationToken: null };
      case 'sessions.invoiceStatus': {
        const invoice = session.invoices.find((i) => i.referenceNumber === input.params?.['invoiceReferenceNumber']);
        if (!invoice) throw new KsefError('no such invoice', { code: 'http.notFound', recovery: 'fatal', httpStatus: 404 });
        return this.#view(session, invoice);
      }
      case 'sessions.invoiceUpo': {
        const invoice = session.invoices.find((i) => i.referenceNumber === input.params?.['invoiceReferenceNumber']);
        return Buffer.from(`<UPO>${invoice?.ksefNumber ?? ''}</UPO>`);
      }
      case 'sessions.upoPage':
        return Buffer.from(`<UPO>${session.referenceNumber}</UPO>`);
      default:
        throw new KsefError(`FakeKsef does not serve ${id}`, { code: 'http.unexpected', recovery: 'fatal' });
    }
  }

  #upload(session: FakeSession, body: ApiOperationTypes['onlineSession.sendInvoice']['request']): unknown {
    const fault = this.sendFaults.shift();
    this.onUpload?.();
    if (fault === 'unreachable') throw new KsefError('connection refused', { code: 'network.notSent', recovery: 'retry' });
    if (fault === 'failWithoutTaking') throw new KsefError('KSeF answered 503', { code: 'http.serverError', recovery: 'retry', httpStatus: 503 });
    if (fault === 'badRequest') {
      throw new KsefError('KSeF answered 400', { code: 'http.badRequest', recovery: 'skip', httpStatus: 400, exceptions: [{ code: 21403, description: 'Nieprawidłowy skrót faktury', details: [] }] });
    }
    const xml = decryptBytes(Buffer.from(body.encryptedInvoiceContent, 'base64'), session.key).toString('utf8');
    const invoiceNumber = /<P_2>([^<]*)<\/P_2>/.exec(xml)?.[1] ?? '';
    const seller = /<Podmiot1>[\s\S]*?<NIP>(\d{10})<\/NIP>/.exec(xml)?.[1] ?? '';
    const referenceNumber = `20260301-EE-${String(++this.#sequence).padStart(10, '0')}-0000000000-00`;
    const invoice: FakeInvoice = { referenceNumber, ordinalNumber: session.invoices.length + 1, invoiceHash: body.invoiceHash, invoiceNumber, ksefNumber: null, code: 100, extensions: {} };
    const key = `${seller}/${invoiceNumber}`;
    const original = this.#byNumber.get(key);
    if (original) {
      invoice.code = 440;
      invoice.extensions = { originalKsefNumber: original.ksefNumber ?? '', originalSessionReferenceNumber: original.session };
    } else {
      invoice.ksefNumber = `${seller}-20260301-${String(this.#sequence).padStart(12, '0')}-00`;
      this.#byNumber.set(key, { ...invoice, session: session.referenceNumber });
    }
    session.invoices.push(invoice);
    if (fault === 'lostAfterTaking') throw new KsefError('the connection broke', { code: 'network.responseLost', recovery: 'retry' });
    return { referenceNumber };
  }

  #processed(session: FakeSession): boolean {
    return session.closed && session.statusReads >= this.readsToProcess;
  }

  #view(session: FakeSession, invoice: FakeInvoice): unknown {
    const processed = this.#processed(session);
    const code = processed ? (invoice.code === 100 ? 200 : invoice.code) : 100;
    return {
      ordinalNumber: invoice.ordinalNumber,
      referenceNumber: invoice.referenceNumber,
      invoiceHash: invoice.invoiceHash,
      invoiceNumber: invoice.invoiceNumber,
      invoicingDate: '2026-03-01T00:00:00Z',
      ...(code === 200 && { ksefNumber: invoice.ksefNumber }),
      status: { code, description: code === 200 ? 'Sukces' : code === 440 ? 'Duplikat faktury' : 'Przetwarzanie', ...(code === 440 && { extensions: invoice.extensions }) },
    };
  }
}
