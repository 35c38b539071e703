import { batchSessionStatus, batchSessionUnknownError, sessionCancelledDetails, sha256Base64, unpackBatch, type SessionKey } from '../domain/index.js';
import type { SimulatorServices } from '../SimulatorServices.js';
import type { InvoiceRecord } from '../state/InvoiceRecord.js';
import type { SessionRecord } from '../state/SessionRecord.js';
import { batchData } from './BatchSessionData.js';
import { isInvoiceFinal, SessionProcessing } from './SessionProcessing.js';
import { issueSessionUpo } from './sessionUpo.js';

/**
 * The asynchronous side of a batch session (ksef-api.md §5.5, §14.25), driven by status reads like
 * the online pipeline (or by `stageDelayMs`, see `SessionProcessing.catchUp`): after close the
 * session shows 150 "Trwa przetwarzanie" for `readsPerStage` reads, then the package is verified,
 * decrypted and unpacked (405/415/420/430/435/440 on failure, or 500 "Nieznany błąd (statusCode)"
 * when a `processingError` fault was injected at close). Its invoices are then listed at 150, each
 * with `invoiceFileName`, and reach their outcomes (the same checks as online invoices) a stage
 * later — each read of the session moves them on, as does reading them one by one. Once all are
 * final the session settles on 200 (≥ 1 accepted, with the session UPO) or 445. A session never
 * closed is cancelled (440 "Przekroczono czas wysyłki") once its 12 hours are over.
 */
export function observeBatchSession(sim: SimulatorServices, session: SessionRecord): void {
  if (session.kind !== 'Batch') return;
  if (session.status.code === 100 && sim.clock.nowMs() >= session.validUntilMs) {
    cancelBatchSession(sim, session);
    return;
  }
  if (session.status.code !== 150) return;
  if (batchData(session).unpacked === true) {
    const processing = new SessionProcessing(sim);
    for (const invoice of session.invoices) processing.observeInvoice(session, invoice);
    settleBatchSessionIfDone(sim, session);
  } else {
    // The status is read after this call, so 150 shows for `readsPerStage` reads before the unpacking.
    session.readsLeftInStage -= 1;
    if (session.readsLeftInStage < 0) unpackBatchSession(sim, session, sim.clock.nowMs());
  }
  sim.changed();
}

/** The closing stage is over by time (`stageDelayMs`): unpack the package, or settle once its invoices are final. */
export function advanceBatchSessionByTime(sim: SimulatorServices, session: SessionRecord, atMs: number): void {
  if (session.status.code !== 150) return;
  if (batchData(session).unpacked === true) settleBatchSessionIfDone(sim, session);
  else unpackBatchSession(sim, session, atMs);
}

/** Cancels an open batch session: 440 "Sesja anulowana", "Przekroczono czas wysyłki". */
export function cancelBatchSession(sim: SimulatorServices, session: SessionRecord): void {
  session.status = batchSessionStatus(440, [sessionCancelledDetails.uploadTimeExceeded]);
  session.updatedAtMs = sim.clock.nowMs();
  const data = batchData(session);
  data.partsBase64 = {};
  sim.changed();
}

/** Processes the package to the end at once: unpacks it if needed, finishes every invoice, settles the session. */
export function processBatchSession(sim: SimulatorServices, session: SessionRecord): void {
  if (batchData(session).unpacked !== true) unpackBatchSession(sim, session, sim.clock.nowMs());
  if (session.status.code !== 150) return;
  const processing = new SessionProcessing(sim);
  for (const invoice of session.invoices) if (!isInvoiceFinal(invoice)) processing.finishInvoice(session, invoice);
  settleBatchSessionIfDone(sim, session);
}

/** Settles an unpacked session whose invoices are all final: 200 (≥ 1 accepted) or 445, with the session UPO. */
function settleBatchSessionIfDone(sim: SimulatorServices, session: SessionRecord): void {
  if (session.status.code !== 150 || batchData(session).unpacked !== true || !session.invoices.every(isInvoiceFinal)) return;
  session.status = batchSessionStatus(session.invoices.some((i) => i.status.code === 200) ? 200 : 445);
  session.updatedAtMs = sim.clock.nowMs();
  issueSessionUpo(sim, session);
  sim.changed();
}

/**
 * Verifies and unpacks the package at `atMs`; on failure the session ends with its error status,
 * otherwise its invoices are listed at 150 "Trwa przetwarzanie" and the session stays at 150.
 */
function unpackBatchSession(sim: SimulatorServices, session: SessionRecord, atMs: number): void {
  const data = batchData(session);
  if (data.failWithStatusCode !== undefined) {
    // An injected internal error: the package is dropped unread, nothing is accepted, no UPO.
    session.status = batchSessionUnknownError(data.failWithStatusCode);
    data.partsBase64 = {};
    session.updatedAtMs = sim.clock.nowMs();
    sim.changed();
    return;
  }
  const sessionKey: SessionKey | undefined = session.symmetricKey === undefined
    ? undefined
    : { key: Buffer.from(session.symmetricKey.keyBase64, 'base64'), iv: Buffer.from(session.symmetricKey.ivBase64, 'base64') };
  const parts = new Map(Object.entries(data.partsBase64).map(([n, b64]) => [Number(n), Buffer.from(b64, 'base64')]));
  const unpacked = unpackBatch({ declaration: data.declaration, parts, sessionKey });
  data.partsBase64 = {};
  session.updatedAtMs = sim.clock.nowMs();
  if (!unpacked.ok) {
    session.status = unpacked.status;
    sim.changed();
    return;
  }
  data.unpacked = true;
  unpacked.files.forEach((file, index) => {
    const plaintext = Buffer.from(file.bytes);
    const invoice: InvoiceRecord = {
      referenceNumber: sim.references.next('invoice'),
      ordinalNumber: index + 1,
      invoiceHash: sha256Base64(plaintext),
      // Batch invoices count as received when the session was opened (ksef-api.md §5.5, §11).
      invoicingDateMs: session.createdAtMs,
      offlineMode: data.offlineMode,
      invoiceFileName: file.fileName.slice(0, 128),
      plaintextBase64: plaintext.toString('base64'),
      status: { code: 150, description: 'Trwa przetwarzanie' },
      // The package was received whole: each invoice starts in processing, for its full stage.
      readsLeftInStage: sim.config.readsPerStage,
      stageStartedAtMs: atMs,
    };
    session.invoices.push(invoice);
  });
  sim.changed();
}
