import type { Identifier } from '../auth/Principal.js';
import type { StatusRecord } from './AuthOperationRecord.js';
import type { InvoiceRecord } from './InvoiceRecord.js';

/** `formCode` of a session (open-api.json `FormCode`). */
export interface FormCodeRecord {
  readonly systemCode: string;
  readonly schemaVersion: string;
  readonly value: string;
}

/** One aggregate UPO page of a closed session. */
export interface UpoPageRecord {
  readonly referenceNumber: string;
  readonly xml: string;
}

/** An online or batch session and everything received in it. */
export interface SessionRecord {
  readonly referenceNumber: string;
  readonly kind: 'Online' | 'Batch';
  readonly context: Identifier;
  readonly subject?: Identifier;
  readonly authReference: string;
  readonly formCode: FormCodeRecord;
  readonly createdAtMs: number;
  updatedAtMs: number;
  closedAtMs?: number;
  validUntilMs: number;
  status: StatusRecord;
  /** AES-256 key and IV (Base64) once unwrapped; undefined when the wrapped key did not decrypt (→ 415). */
  symmetricKey?: { readonly keyBase64: string; readonly ivBase64: string };
  /** Status reads left before a closing session (170) reaches its final status. */
  readsLeftInStage: number;
  readonly invoices: InvoiceRecord[];
  upoPages: UpoPageRecord[];
  /** For the UPO `Uwierzytelnienie` element. */
  readonly ksefTokenReference?: string;
  readonly signedDocumentHash?: string;
  /** Batch-session details, owned by the batch routes. */
  batch?: Record<string, unknown>;
}
