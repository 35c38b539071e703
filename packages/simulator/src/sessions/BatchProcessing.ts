import { batchSessionStatus, batchSessionUnknownError, sessionCancelledDetails, sha256Base64, unpackBatch, type SessionKey } from '../domain/index.js';
import type { SimulatorServices } from '../SimulatorServices.js';
import type { InvoiceRecord } from '../state/InvoiceRecord.js';
import type { SessionRecord } from '../state/SessionRecord.js';
import { batchData } from './BatchSessionData.js';
import { SessionProcessing } from './SessionProcessing.js';
import { issueSessionUpo } from './sessionUpo.js';

/**
 * The asynchronous side of a batch session (ksef-api.md §5.5, §14.25), driven by status reads like
 * the online pipeline: after close the session shows 150 "Trwa przetwarzanie" for `readsPerStage`
 * reads, then the package is verified, decrypted and unpacked (405/415/420/430/435/440 on failure,
 * or 500 "Nieznany błąd (statusCode)" when a `processingError` fault was injected at close)
 * and every file goes through the same per-invoice checks as online invoices, with `invoiceFileName`
 * set. The session settles on 200 (≥ 1 accepted, with the session UPO) or 445. A session never
 * closed is cancelled (440 "Przekroczono czas wysyłki") once its 12 hours are over.
 */
export function observeBatchSession(sim: SimulatorServices, session: SessionRecord): void {
  if (session.kind !== 'Batch') return;
  if (session.status.code === 100 && sim.clock.nowMs() >= session.validUntilMs) {
    cancelBatchSession(sim, session);
    return;
  }
  if (session.status.code !== 150) return;
  // The status is read after this call, so 150 shows for `readsPerStage` reads before the outcome.
  session.readsLeftInStage -= 1;
  if (session.readsLeftInStage < 0) processBatchSession(sim, session);
  sim.changed();
}

/** Cancels an open batch session: 440 "Sesja anulowana", "Przekroczono czas wysyłki". */
export function cancelBatchSession(sim: SimulatorServices, session: SessionRecord): void {
  session.status = batchSessionStatus(440, [sessionCancelledDetails.uploadTimeExceeded]);
  session.updatedAtMs = sim.clock.nowMs();
  const data = batchData(session);
  data.partsBase64 = {};
  sim.changed();
}

/** Verifies and unpacks the package, then runs every invoice through the acceptance checks. */
export function processBatchSession(sim: SimulatorServices, session: SessionRecord): void {
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
  const processing = new SessionProcessing(sim);
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
      readsLeftInStage: 0,
    };
    session.invoices.push(invoice);
    processing.finishInvoice(session, invoice);
  });
  session.status = batchSessionStatus(session.invoices.some((i) => i.status.code === 200) ? 200 : 445);
  issueSessionUpo(sim, session);
}
