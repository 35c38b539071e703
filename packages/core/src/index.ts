/**
 * @ksef-connect/core — KSeF 2.0 crypto, identifiers, FA validation, auth, sessions and the submission
 * pipeline. The inversify `coreModule` is in `@ksef-connect/core/container`, so this index loads no DI.
 */
export { coreTokens } from './coreTokens.js';
export type { Clock } from './time/Clock.js';
export { systemClock } from './time/systemClock.js';
export type { KsefEnvironmentName } from './KsefEnvironment.js';
export { ksefEnvironmentUrls, parseKsefEnvironmentName } from './KsefEnvironment.js';

// identifiers/
export type { Brand } from './identifiers/Brand.js';
export { crc8 } from './identifiers/crc8.js';
export type { IdentifierKind, IdentifierProblem } from './identifiers/InvalidIdentifierError.js';
export { InvalidIdentifierError } from './identifiers/InvalidIdentifierError.js';
export type { Nip } from './identifiers/Nip.js';
export { parseNip, isValidNip, nipChecksumValid } from './identifiers/Nip.js';
export type { Pesel } from './identifiers/Pesel.js';
export { parsePesel, isValidPesel, peselChecksumValid } from './identifiers/Pesel.js';
export type { InternalId } from './identifiers/InternalId.js';
export { parseInternalId, isValidInternalId, internalIdNip } from './identifiers/InternalId.js';
export type { NipVatUe } from './identifiers/NipVatUe.js';
export { parseNipVatUe, isValidNipVatUe, nipVatUeParts } from './identifiers/NipVatUe.js';
export type { PeppolId } from './identifiers/PeppolId.js';
export { parsePeppolId, isValidPeppolId } from './identifiers/PeppolId.js';
export type { KsefNumber, KsefNumberParts } from './identifiers/KsefNumber.js';
export {
  parseKsefNumber,
  isValidKsefNumber,
  ksefNumberParts,
  computeKsefNumberChecksum,
} from './identifiers/KsefNumber.js';
export type { ReferenceNumber, ReferenceNumberParts } from './identifiers/ReferenceNumber.js';
export { parseReferenceNumber, isValidReferenceNumber, referenceNumberParts } from './identifiers/ReferenceNumber.js';

// crypto/ (AES, RSA-OAEP, hashes, public-key certificates)
export { CryptographyService } from './crypto/CryptographyService.js';
export type { RandomBytes } from './crypto/RandomBytes.js';
export { SymmetricKey } from './crypto/SymmetricKey.js';
export { generateSymmetricKey } from './crypto/generateSymmetricKey.js';
export { encryptBytes, decryptBytes, createEncryptStream, createDecryptStream } from './crypto/aes256Cbc.js';
export type {
  PublicKeyCertificate,
  PublicKeyCertificateUsage,
  EncryptionCertificate,
} from './crypto/PublicKeyCertificate.js';
export { publicKeyFromCertificate, parseCertificate } from './crypto/publicKeyFromCertificate.js';
export { publicKeyId } from './crypto/publicKeyId.js';
export { encryptRsaOaep } from './crypto/encryptRsaOaep.js';
export type { EncryptionInfo } from './crypto/encryptSymmetricKey.js';
export { encryptSymmetricKey, createEncryptionInfo } from './crypto/encryptSymmetricKey.js';
export { encryptKsefToken } from './crypto/encryptKsefToken.js';
export type { FileMetadata } from './crypto/FileMetadata.js';
export { fileMetadata, fileMetadataOfStream, FileMetadataTap } from './crypto/FileMetadata.js';
export { selectEncryptionCertificate } from './crypto/selectEncryptionCertificate.js';

// fa/validation/ (also published alone as `@ksef-connect/core/validation`)
export * from './validation.js';

// errors/
export type { Recovery } from './errors/Recovery.js';
export type { KsefErrorCode } from './errors/KsefErrorCode.js';
export type { KsefExceptionDetail } from './errors/KsefExceptionDetail.js';
export type { KsefErrorInit } from './errors/KsefError.js';
export { KsefError, isKsefError } from './errors/KsefError.js';
export { InvoiceValidationError } from './errors/InvoiceValidationError.js';
export type { ErrorResponse } from './errors/decodeErrorResponse.js';
export { decodeErrorResponse } from './errors/decodeErrorResponse.js';
export { decodeNetworkError } from './errors/decodeNetworkError.js';
export { parseRetryAfter } from './errors/parseRetryAfter.js';

// api/
export type { ApiOperation, ApiAuthKind } from './api/ApiOperation.js';
export type { ApiOperationId } from './api/apiOperations.js';
export { apiOperations } from './api/apiOperations.js';
export type { ApiOperationTypes } from './api/ApiOperationTypes.js';
export type { ApiCall, ApiResult, ApiHandler, ApiInterceptor } from './api/ApiCall.js';
export type { ApiCallInput, ApiResponse, ApiRunnerOptions } from './api/ApiRunner.js';
export { ApiRunner } from './api/ApiRunner.js';
export type { AccessTokenSource } from './api/AccessTokenSource.js';
export type { KsefApi } from './api/KsefApi.js';
export type { RateLimitGroup, RateLimitBudget } from './api/RateLimitGroup.js';
export { defaultRateLimitBudgets } from './api/RateLimitGroup.js';
export { RateLimiter } from './api/RateLimiter.js';
export type { RateLimitWait, RateLimitWindow } from './api/RateLimitWait.js';
export { announcedWaitMs } from './api/RateLimitWait.js';
export type { RetryPolicy } from './api/RetryPolicy.js';
export { defaultRetryPolicy } from './api/RetryPolicy.js';
export type { SystemWarning } from './api/SystemWarning.js';
export { parseSystemWarnings } from './api/SystemWarning.js';

// publicKeys/
export type { PublicKeyManagerOptions } from './publicKeys/PublicKeyManager.js';
export { PublicKeyManager } from './publicKeys/PublicKeyManager.js';

// auth/
export type { AuthContext } from './auth/AuthContext.js';
export { nipContext } from './auth/AuthContext.js';
export type { AuthCredentials, KsefTokenCredentials, XadesCredentials } from './auth/AuthCredentials.js';
export type { AuthTokens, BearerToken } from './auth/AuthTokens.js';
export { Authenticator, defaultAuthPolling } from './auth/Authenticator.js';
export { AuthSession } from './auth/AuthSession.js';

// sessions/
export type { Backoff } from './sessions/Backoff.js';
export type { InvoiceOutcome, InvoiceStatus } from './sessions/InvoiceOutcome.js';
export type {
  InvoiceChecker,
  SendInvoiceOptions,
  PreparedInvoice,
  SentInvoice,
  OnlineSessionContext,
} from './sessions/OnlineSession.js';
export { OnlineSession } from './sessions/OnlineSession.js';
export type { SessionContext, SessionStatus, UpoFile } from './sessions/SessionReader.js';
export { SessionReader, defaultStatusPolling } from './sessions/SessionReader.js';
export type { BatchCompression, BatchPackage, BatchPackagePart } from './sessions/BatchPackage.js';
export type { BatchPackageBuilderOptions } from './sessions/BatchPackageBuilder.js';
export { BatchPackageBuilder, maxBatchPartBytes } from './sessions/BatchPackageBuilder.js';
export type { UploadPartsOptions } from './sessions/BatchSession.js';
export { BatchSession } from './sessions/BatchSession.js';
export type { DownloadedDocument, DownloadOptions } from './sessions/downloadDocument.js';
export { downloadDocument } from './sessions/downloadDocument.js';
export type { Upo, UpoDocument } from './sessions/Upo.js';
export { parseUpo } from './sessions/Upo.js';

// client/
export type { KsefClientOptions, KsefTarget } from './client/KsefClientOptions.js';
export type { OpenBatchSessionOptions, OpenOnlineSessionOptions } from './client/KsefClient.js';
export { KsefClient } from './client/KsefClient.js';
export { createKsefClient } from './client/createKsefClient.js';
export type { KsefDispatcherOptions } from './client/createKsefDispatcher.js';
export { createKsefDispatcher } from './client/createKsefDispatcher.js';

// crypto/xades/ and crypto/certificates/ (XAdES signing of AuthTokenRequest, signing credentials)
export type { AuthContextIdentifier, AuthorizationPolicy, AuthTokenRequestOptions } from './crypto/xades/buildAuthTokenRequest.js';
export { buildAuthTokenRequest } from './crypto/xades/buildAuthTokenRequest.js';
export { validateAuthTokenRequest } from './crypto/xades/validateAuthTokenRequest.js';
export { InvalidAuthTokenRequestError } from './crypto/xades/InvalidAuthTokenRequestError.js';
export type { XadesSigner } from './crypto/xades/XadesSigner.js';
export type { XadesSignerOptions } from './crypto/xades/createXadesSigner.js';
export { createXadesSigner } from './crypto/xades/createXadesSigner.js';
export { externalXadesSigner } from './crypto/xades/externalXadesSigner.js';
export { SigningCredentials } from './crypto/certificates/SigningCredentials.js';
export type { CredentialsErrorCode } from './crypto/certificates/CredentialsError.js';
export { CredentialsError } from './crypto/certificates/CredentialsError.js';
export { loadPkcs12 } from './crypto/certificates/loadPkcs12.js';
export { readPrivateKey } from './crypto/certificates/readPrivateKey.js';
export type { TestCertificateOptions } from './crypto/certificates/generateTestCertificate.js';
export { generateTestCertificate } from './crypto/certificates/generateTestCertificate.js';
export type { CertificateSubjectNip } from './crypto/certificates/certificateSubjectNip.js';
export { certificateSubjectNip } from './crypto/certificates/certificateSubjectNip.js';

// fa/ model → FA(3)/FA(2) rendering
export type { InvoiceDraft, AdditionalInfo, Footer } from './fa/model/InvoiceDraft.js';
export type { DecimalString, IsoDate } from './fa/model/DecimalString.js';
export type { InvoiceKind } from './fa/model/InvoiceKind.js';
export { invoiceKinds, isCorrectionKind } from './fa/model/InvoiceKind.js';
export type { VatRate } from './fa/model/VatRate.js';
export { vatRates, isVatRate, vatPercent } from './fa/model/VatRate.js';
export type { VatBucket } from './fa/model/VatBucket.js';
export { vatBuckets, taxedVatBuckets, vatBucketOf } from './fa/model/VatBucket.js';
export type { Address } from './fa/model/Address.js';
export type { PolishAddressParts } from './fa/model/polishAddress.js';
export { polishAddress } from './fa/model/polishAddress.js';
export type {
  Contact,
  PartyId,
  ThirdPartyId,
  Seller,
  Buyer,
  ThirdParty,
  ThirdPartyRole,
  AuthorisedParty,
} from './fa/model/Party.js';
export { thirdPartyRoleCodes } from './fa/model/Party.js';
export type { InvoiceLine } from './fa/model/InvoiceLine.js';
export type { Annotations, ExemptionBasis, MarginScheme } from './fa/model/Annotations.js';
export type { Payment, PaymentMethod, BankAccount, DueDate } from './fa/model/Payment.js';
export { paymentMethodCodes } from './fa/model/Payment.js';
export type { Correction, CorrectedInvoice } from './fa/model/Correction.js';
export type { AdvancePayment, OrderLine, Settlement, AdvanceInvoiceRef, AdvanceAmounts } from './fa/model/Advance.js';
export type { SourceTotals } from './fa/model/SourceTotals.js';
export { Decimal } from './fa/amounts/Decimal.js';
export type { InvoiceTotals, TotalsMismatch, ComputedTotals } from './fa/amounts/computeInvoiceTotals.js';
export { computeInvoiceTotals } from './fa/amounts/computeInvoiceTotals.js';
export type { InvoiceDraftIssue } from './fa/checks/InvoiceDraftIssue.js';
export type { InvoiceDraftCheckOptions } from './fa/checks/checkInvoiceDraft.js';
export { checkInvoiceDraft } from './fa/checks/checkInvoiceDraft.js';
export type { FaForm } from './fa/render/FaForm.js';
export type { DerivedAnnotations } from './fa/render/deriveAnnotations.js';
export type { RenderedInvoice, RenderReport } from './fa/render/RenderedInvoice.js';
export type { RenderOptions, RenderedXmlValidator } from './fa/render/renderInvoice.js';
export { renderInvoice } from './fa/render/renderInvoice.js';
export { InvoiceRenderer } from './fa/render/InvoiceRenderer.js';
export { InvoiceDraftError } from './fa/render/InvoiceDraftError.js';
export { RenderedInvoiceInvalidError } from './fa/render/RenderedInvoiceInvalidError.js';

// submission/
export type { InvoiceSubmissionOptions, SubmissionClient } from './submission/InvoiceSubmission.js';
export type { BatchTransportOptions } from './submission/BatchTransportOptions.js';
export { InvoiceSubmission } from './submission/InvoiceSubmission.js';
export { submitInvoices } from './submission/submitInvoices.js';
export type { DuplicateVerdict } from './submission/DuplicateOriginals.js';
export { DuplicateOriginals } from './submission/DuplicateOriginals.js';
export type { SubmissionItem } from './submission/SubmissionItem.js';
export { invoiceFromBytes, invoiceFromFile } from './submission/SubmissionItem.js';
export type { SubmissionOutcome, SubmissionOutcomeKind } from './submission/SubmissionOutcome.js';
export type { SubmissionIssue } from './submission/SubmissionIssue.js';
export type { SubmissionEvent } from './submission/SubmissionEvent.js';
export type { SendIntent, SendResult, SubmissionHooks, UpoDelivery } from './submission/SubmissionHooks.js';
export type { SubmissionReport, SubmittedInvoice, SubmittedSession } from './submission/SubmissionReport.js';
