import { invoiceStatus, onlineSessionStatus, sessionCancelledDetails, warsawDate } from '../domain/index.js';
import type { SimulatorServices } from '../SimulatorServices.js';
import type { InvoiceRecord } from '../state/InvoiceRecord.js';
import type { SessionRecord } from '../state/SessionRecord.js';
import { advanceBatchSessionByTime, observeBatchSession } from './BatchProcessing.js';
import { issuerDenial } from './issuerDenial.js';
import { issueSessionUpo, upoDocument, upoSession } from './sessionUpo.js';

/** Terminal invoice statuses are everything but 100 (received) and 150 (processing). */
export const isInvoiceFinal = (invoice: InvoiceRecord): boolean => invoice.status.code !== 100 && invoice.status.code !== 150;

/**
 * The asynchronous side of sessions (ksef-api.md §14.19–22, §4.4). A stage ends on whichever comes
 * first: `readsPerStage` reads of the status (default 1; the next read moves on), or `stageDelayMs`
 * on the simulator clock (default 300 ms; `null` = reads only) — so an invoice reads 100
 * "przyjęta", then 150 "Trwa przetwarzanie", then its outcome (200 with KSeF number and UPO, or
 * 430/435/440/450…). A closed online session reads 170 the same way, then finishes every pending
 * invoice and settles on 200, 445 (nothing valid) or 440 (nothing sent), with the session UPO. A
 * session past `validUntil` closes by itself when next read. The time path runs no timers: every
 * request first catches up with the clock ({@link SessionProcessing.catchUp}).
 */
export class SessionProcessing {
  constructor(private readonly sim: SimulatorServices) {}

  /** Records a read of `invoice`'s status and advances it when the stage is over. */
  observeInvoice(session: SessionRecord, invoice: InvoiceRecord): void {
    if (isInvoiceFinal(invoice)) return;
    if (invoice.readsLeftInStage > 0) {
      invoice.readsLeftInStage -= 1;
    } else if (invoice.status.code === 100) {
      invoice.status = mutable(invoiceStatus(150));
      invoice.readsLeftInStage = this.sim.config.readsPerStage - 1;
      invoice.stageStartedAtMs = this.sim.clock.nowMs();
    } else {
      this.finishInvoice(session, invoice);
    }
    this.sim.changed();
  }

  /** Records a read of the session's status: expiry, then the 170 → final stage. */
  observeSession(session: SessionRecord): void {
    if (session.kind === 'Batch') return observeBatchSession(this.sim, session);
    this.expireIfDue(session);
    if (session.kind !== 'Online' || session.status.code !== 170) return;
    if (session.readsLeftInStage > 0) session.readsLeftInStage -= 1;
    else this.finishSession(session);
    this.sim.changed();
  }

  /**
   * The time path: every stage whose `stageDelayMs` is over by the simulator clock ends now, read or
   * not, in the order the stages ended — so of two copies of an invoice the one received first is
   * accepted and the other is the 440 duplicate, as on KSeF.
   */
  catchUp(): void {
    const delay = this.sim.config.stageDelayMs;
    if (delay === null) return;
    const now = this.sim.clock.nowMs();
    const due: Array<{ atMs: number; run: () => void }> = [];
    for (const session of Object.values(this.sim.state.sessions)) {
      const closingStage = (session.kind === 'Online' && session.status.code === 170) || (session.kind === 'Batch' && session.status.code === 150);
      if (closingStage && session.closedAtMs !== undefined && session.closedAtMs + delay <= now) {
        due.push({ atMs: session.closedAtMs + delay, run: () => this.endClosingStage(session, session.closedAtMs === undefined ? now : session.closedAtMs + delay) });
      }
      for (const invoice of session.invoices) {
        if (isInvoiceFinal(invoice)) continue;
        const stageStart = invoice.stageStartedAtMs ?? invoice.invoicingDateMs;
        const received = invoice.status.code === 100;
        const finalAt = stageStart + (received ? 2 : 1) * delay;
        if (finalAt <= now) due.push({ atMs: finalAt, run: () => this.finishPendingInvoice(session, invoice) });
        else if (received && stageStart + delay <= now) due.push({ atMs: stageStart + delay, run: () => this.startProcessing(invoice, stageStart + delay) });
      }
    }
    if (due.length === 0) return;
    due.sort((a, b) => a.atMs - b.atMs).forEach((event) => event.run());
    this.sim.changed();
  }

  /** Closes an online session past its 12-hour `validUntil` (ksef-api.md §4.1). */
  expireIfDue(session: SessionRecord): void {
    if (session.kind === 'Online' && session.status.code === 100 && this.sim.clock.nowMs() >= session.validUntilMs) this.close(session);
  }

  /** `POST …/close`: status 170, final status after the next read(s). */
  close(session: SessionRecord): void {
    const now = this.sim.clock.nowMs();
    session.status = mutable(onlineSessionStatus(170));
    session.closedAtMs = now;
    session.updatedAtMs = now;
    session.readsLeftInStage = this.sim.config.readsPerStage;
    this.sim.changed();
  }

  /** 100 → 150 by time: the processing stage starts at `atMs` and gets its full share of reads. */
  private startProcessing(invoice: InvoiceRecord, atMs: number): void {
    invoice.status = mutable(invoiceStatus(150));
    invoice.readsLeftInStage = this.sim.config.readsPerStage;
    invoice.stageStartedAtMs = atMs;
  }

  /** An invoice whose time is over, unless its session's end has already finished it. */
  private finishPendingInvoice(session: SessionRecord, invoice: InvoiceRecord): void {
    if (!isInvoiceFinal(invoice)) this.finishInvoice(session, invoice);
  }

  /** The closing stage (online 170, batch 150) is over at `atMs`: the session settles (a batch unpacks first). */
  private endClosingStage(session: SessionRecord, atMs: number): void {
    if (session.kind === 'Batch') advanceBatchSessionByTime(this.sim, session, atMs);
    else if (session.status.code === 170) this.finishSession(session);
  }

  /** Finishes every pending invoice and settles the session on 200 / 445 / 440 with its UPO. */
  finishSession(session: SessionRecord): void {
    for (const invoice of session.invoices) if (!isInvoiceFinal(invoice)) this.finishInvoice(session, invoice);
    if (session.invoices.length === 0) session.status = mutable(onlineSessionStatus(440, [sessionCancelledDetails.noInvoices]));
    else if (!session.invoices.some((i) => i.status.code === 200)) session.status = mutable(onlineSessionStatus(445));
    else session.status = mutable(onlineSessionStatus(200));
    issueSessionUpo(this.sim, session);
  }

  /** Runs the acceptance checks on a received invoice and records the outcome. */
  finishInvoice(session: SessionRecord, invoice: InvoiceRecord): void {
    const plaintext = invoice.plaintextBase64 === undefined ? undefined : Buffer.from(invoice.plaintextBase64, 'base64');
    delete invoice.plaintextBase64;
    session.updatedAtMs = this.sim.clock.nowMs();
    if (plaintext === undefined) {
      invoice.status = mutable(invoiceStatus(435, ['Nie udało się odszyfrować faktury kluczem sesji.']));
      return;
    }
    const acceptedAt = new Date(invoice.invoicingDateMs);
    const result = this.sim.inspector.accept({
      xml: plaintext,
      formCode: session.formCode,
      sessionKind: session.kind === 'Online' ? 'online' : 'batch',
      acceptedAt,
      sessionReferenceNumber: session.referenceNumber,
      ksefNumbers: this.sim.ksefNumbers,
      issuerDenial: issuerDenial(this.sim.state, session),
    });
    if (result.facts !== undefined) {
      invoice.invoiceNumber = result.facts.invoiceNumber;
      invoice.sellerNip = result.facts.sellerNip;
      invoice.issueDate = result.facts.issueDate;
    }
    if (!result.ok) {
      invoice.status = mutable(result.status);
      return;
    }
    // Auto-offline: an invoice issued on an earlier day than KSeF received it (ksef-api.md §14.20).
    invoice.invoicingMode = invoice.offlineMode || result.facts.issueDate < warsawDate(acceptedAt) ? 'Offline' : 'Online';
    invoice.ksefNumber = result.ksefNumber;
    invoice.acquisitionDateMs = result.acquisitionDate.getTime();
    // Permanent storage follows acquisition "asynchronously"; the simulator records it a moment later.
    invoice.permanentStorageDateMs = result.acquisitionDate.getTime() + 1;
    invoice.status = mutable(invoiceStatus(200));
    invoice.upoXml = this.sim.upo.invoiceUpo(upoSession(session), upoDocument(invoice)).xml;
  }
}

function mutable<T extends { details?: readonly string[]; extensions?: Readonly<Record<string, string | null>> }>(status: T): T & { details?: string[]; extensions?: Record<string, string | null> } {
  return {
    ...status,
    ...(status.details === undefined ? {} : { details: [...status.details] }),
    ...(status.extensions === undefined ? {} : { extensions: { ...status.extensions } }),
  } as T & { details?: string[]; extensions?: Record<string, string | null> };
}
