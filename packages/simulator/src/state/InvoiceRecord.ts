import type { StatusRecord } from './AuthOperationRecord.js';

/** An invoice received in a session and its processing state (ksef-api.md §6.3, §6.4). */
export interface InvoiceRecord {
  readonly referenceNumber: string;
  readonly ordinalNumber: number;
  readonly invoiceHash: string;
  readonly invoicingDateMs: number;
  readonly offlineMode: boolean;
  /** Batch only: the file name inside the archive. */
  readonly invoiceFileName?: string;
  /** The decrypted XML (Base64), kept until processing ends; undefined when decryption failed. */
  plaintextBase64?: string;
  /** Processing stage: 100 received → 150 processing → terminal. */
  status: StatusRecord & { extensions?: Record<string, string | null> };
  /** Status reads left in the current stage before the next one (deterministic async pipeline). */
  readsLeftInStage: number;
  /** When the current stage began (simulator clock); absent while the invoice is still in 100 since `invoicingDateMs`. */
  stageStartedAtMs?: number;
  invoiceNumber?: string;
  ksefNumber?: string;
  acquisitionDateMs?: number;
  permanentStorageDateMs?: number;
  invoicingMode?: 'Online' | 'Offline';
  sellerNip?: string;
  issueDate?: string;
  /** The per-invoice UPO, generated at acceptance. */
  upoXml?: string;
}
