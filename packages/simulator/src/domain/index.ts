// The simulator's domain layer: pure classes without HTTP, used by the route modules.
export { SimulatorClock, type SimulatorClockMode } from './SimulatorClock.js';
export { formatKsefDateTime } from './time/ksefDateTime.js';
export { warsawDate, warsawCompactDate, warsawDateTime } from './time/warsawTime.js';

export { crc8, crc8Hex } from './ids/crc8.js';
export { SeededHexSource } from './ids/SeededHexSource.js';
export { parseReferenceNumber, referenceNumberTypes, type ReferenceNumber, type ReferenceNumberType } from './ids/ReferenceNumber.js';
export { ReferenceNumberFactory } from './ids/ReferenceNumberFactory.js';
export { parseKsefNumber, type KsefNumber } from './ids/KsefNumber.js';
export { KsefNumberFactory } from './ids/KsefNumberFactory.js';

export { publicKeyUsages, type PublicKeyUsage } from './keys/PublicKeyUsage.js';
export { SimulatorKeyRing, type SimulatorKey, type KeyDecryptionResult, type SimulatorKeyRingOptions } from './keys/SimulatorKeyRing.js';

export { aes256CbcDecrypt, type AesDecryptionResult } from './crypto/aesCbc.js';
export { sha256Base64 } from './crypto/sha256Base64.js';
export { unwrapSessionKey, type EncryptionInfo, type SessionKey, type SessionKeyResult } from './crypto/SessionEncryption.js';

export { openInvoicePayload, type DeclaredInvoicePayload, type InvoicePayloadProblem, type InvoicePayloadResult } from './invoices/InvoicePayload.js';
export { invoiceStatus, invoiceStatusDescriptions, type InvoiceStatus, type InvoiceStatusCode } from './invoices/InvoiceStatus.js';
export type { InvoiceParties, InvoiceParty } from './invoices/InvoiceParties.js';
export { DuplicateRegistry, type DuplicateKey, type OriginalInvoice } from './invoices/DuplicateRegistry.js';

export {
  batchSessionStatus, batchSessionStatusDescriptions, batchSessionUnknownError, onlineSessionStatus, onlineSessionStatusDescriptions, sessionCancelledDetails,
  type SessionStatus,
} from './sessions/SessionStatus.js';

export {
  effectiveRateLimitGroups, findOperationRateLimit, operationRateLimits,
  type OperationRateLimit, type RateLimitGroup, type RateLimitValues,
} from './limits/operationRateLimits.js';
export { effectiveApiRateLimits, rateLimitProfile, type RateLimitProfile, type RateLimitProfileName } from './limits/rateLimitProfiles.js';
export { RateLimiter, type RateLimitDecision } from './limits/RateLimiter.js';

export { SchemaValidator, type SchemaValidationResult } from './xml/SchemaValidator.js';
export { registerSchemaInputProvider } from './xml/schemaInputProvider.js';
export { isNipChecksumValid } from './invoices/nipChecksum.js';
export { xmlHygieneProblem } from './invoices/xmlHygiene.js';
export {
  InvoiceInspector, duplicateStatus, findInvoiceSchema,
  type AcceptanceResult, type FormCode, type InspectionInput, type InspectionResult, type InvoiceFacts, type InvoiceInspectorOptions,
} from './invoices/InvoiceInspector.js';
export {
  UpoBuilder,
  type UpoAuthentication, type UpoBuilderOptions, type UpoContext, type UpoDocument, type UpoFile, type UpoSessionInfo,
} from './upo/UpoBuilder.js';
export {
  batchLimits, checkBatchDeclaration, checkUploadedParts, unpackBatch, uploadWindowEndsAt,
  type BatchException, type BatchFileDeclaration, type BatchFilePart, type BatchInvoiceFile, type BatchUnpackResult,
} from './batch/BatchPackage.js';
export { tarEntries, type TarEntry } from './batch/tarEntries.js';
