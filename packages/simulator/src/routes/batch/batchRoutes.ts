import {
  batchSessionStatus, checkBatchDeclaration, checkUploadedParts, findInvoiceSchema, unwrapSessionKey, uploadWindowEndsAt,
  type BatchFileDeclaration, type BatchFilePart,
} from '../../domain/index.js';
import { batchCloseOperation } from '../../faults/Fault.js';
import { ApiError } from '../../http/ApiError.js';
import { optionalString, requestJson, requiredObject, requiredString } from '../../http/requestJson.js';
import { header, param, type RouteContext } from '../../http/RouteContext.js';
import { empty, json } from '../../http/RouteResult.js';
import { cancelBatchSession, observeBatchSession, processBatchSession } from '../../sessions/BatchProcessing.js';
import { batchData, type BatchSessionData } from '../../sessions/BatchSessionData.js';
import { SessionRegistry } from '../../sessions/SessionRegistry.js';
import type { RouteModule, SimulatorServices } from '../../SimulatorServices.js';
import type { SessionRecord } from '../../state/SessionRecord.js';

const writePermissions = ['InvoiceWrite', 'EnforcementOperations'];
const sessionLifetimeMs = 12 * 3600_000;
/** The one header the pre-signed upload requires (open-api.json `OpenBatchSessionResponse` example). */
const uploadHeaders = { 'x-ms-blob-type': 'BlockBlob' } as const;

/**
 * Batch sessions (`sesja-wsadowa.md`; ksef-api.md §5, §14.23–25): open with declared parts and
 * pre-signed upload URLs served by the simulator itself, the upload endpoint (no Authorization
 * expected, 201, 403 after the window), and close, after which the package is processed
 * asynchronously (see {@link observeBatchSession}).
 */
export const batchRoutes: RouteModule = (sim) => {
  const sessions = new SessionRegistry(sim);
  return [
    { method: 'POST', path: '/v2/sessions/batch', auth: 'access', permissions: writePermissions, handle: (ctx) => open(sim, sessions, ctx) },
    { method: 'PUT', path: '/storage/batch/{referenceNumber}/parts/{ordinalNumber}', auth: 'public', handle: (ctx) => upload(sim, ctx) },
    { method: 'POST', path: '/v2/sessions/batch/{referenceNumber}/close', auth: 'access', permissions: writePermissions, handle: (ctx) => close(sim, sessions, ctx) },
  ];
};

function uploadPath(referenceNumber: string, ordinalNumber: number): string {
  return `/storage/batch/${referenceNumber}/parts/${ordinalNumber}`;
}

function open(sim: SimulatorServices, sessions: SessionRegistry, ctx: RouteContext) {
  const principal = ctx.principal;
  if (principal?.context === undefined) throw ApiError.unauthorized();
  const body = requestJson(ctx);
  const formCodeBody = requiredObject(body, 'formCode');
  const formCode = {
    systemCode: requiredString(formCodeBody, 'systemCode', 'formCode.systemCode'),
    schemaVersion: requiredString(formCodeBody, 'schemaVersion', 'formCode.schemaVersion'),
    value: requiredString(formCodeBody, 'value', 'formCode.value'),
  };
  // PEF is online-only (ksef-api.md §4.1 table).
  if (findInvoiceSchema(formCode)?.batch !== true) throw ApiError.validation('Wskazany kod formularza nie jest wspierany.');
  const declaration = parseBatchFile(requiredObject(body, 'batchFile'));
  const problem = checkBatchDeclaration(declaration);
  if (problem) throw ApiError.badRequest(problem.code, problem.description, problem.details);
  const encryptionBody = requiredObject(body, 'encryption');
  const publicKeyId = optionalString(encryptionBody, 'publicKeyId');
  const encryption = {
    encryptedSymmetricKey: requiredString(encryptionBody, 'encryptedSymmetricKey', 'encryption.encryptedSymmetricKey'),
    initializationVector: requiredString(encryptionBody, 'initializationVector', 'encryption.initializationVector'),
    ...(publicKeyId === undefined ? {} : { publicKeyId }),
  };
  const offlineMode = body.offlineMode === undefined || body.offlineMode === null ? false : body.offlineMode;
  if (typeof offlineMode !== 'boolean') throw ApiError.validation('The offlineMode field must be a boolean.');

  const unwrapped = unwrapSessionKey(sim.keys, encryption);
  if (!unwrapped.ok && unwrapped.reason === 'unknownPublicKey') {
    throw ApiError.badRequest(21470, 'Przesłany identyfikator klucza jest nieznany lub wskazuje na wycofany klucz.', [`Klucz o identyfikatorze ${publicKeyId ?? ''} nie jest wspierany.`]);
  }
  const now = sim.clock.nowMs();
  const referenceNumber = sim.references.next('batchSession');
  const operation = sim.state.authOperations[principal.authReference];
  const data: BatchSessionData = {
    declaration,
    offlineMode,
    uploadWindowEndsAtMs: uploadWindowEndsAt(now, declaration.fileParts.length),
    partsBase64: {},
    partSizes: {},
  };
  const session: SessionRecord = {
    referenceNumber,
    kind: 'Batch',
    context: principal.context,
    ...(principal.subject === undefined ? {} : { subject: principal.subject }),
    authReference: principal.authReference,
    formCode,
    createdAtMs: now,
    updatedAtMs: now,
    validUntilMs: now + sessionLifetimeMs,
    status: batchSessionStatus(100),
    // A key that does not decrypt is not refused here: the session fails with 415 after close (§14.8).
    ...(unwrapped.ok ? { symmetricKey: { keyBase64: unwrapped.sessionKey.key.toString('base64'), ivBase64: unwrapped.sessionKey.iv.toString('base64') } } : {}),
    readsLeftInStage: 0,
    invoices: [],
    upoPages: [],
    ...(operation?.ksefTokenReference === undefined ? {} : { ksefTokenReference: operation.ksefTokenReference }),
    ...(operation?.signedDocumentHash === undefined ? {} : { signedDocumentHash: operation.signedDocumentHash }),
    batch: data as unknown as Record<string, unknown>,
  };
  sessions.add(session);
  return json(201, {
    referenceNumber,
    partUploadRequests: declaration.fileParts.map((part) => ({
      ordinalNumber: part.ordinalNumber,
      method: 'PUT',
      url: sim.presigned.sign(ctx.origin, uploadPath(referenceNumber, part.ordinalNumber), data.uploadWindowEndsAtMs),
      headers: { ...uploadHeaders },
    })),
  });
}

function parseBatchFile(body: Record<string, unknown>): BatchFileDeclaration {
  const fileSize = body.fileSize;
  if (typeof fileSize !== 'number' || !Number.isInteger(fileSize) || fileSize < 1) throw ApiError.validation('The batchFile.fileSize field must be a positive integer.');
  const fileHash = requiredString(body, 'fileHash', 'batchFile.fileHash');
  const compressionType = body.compressionType ?? 'Zip';
  if (compressionType !== 'Zip' && compressionType !== 'TarGz') throw ApiError.validation('The batchFile.compressionType field must be Zip or TarGz.');
  const partsValue = body.fileParts;
  if (!Array.isArray(partsValue)) throw ApiError.validation('The batchFile.fileParts field is required.');
  const fileParts = partsValue.map((item: unknown, index): BatchFilePart => {
    if (typeof item !== 'object' || item === null) throw ApiError.validation(`batchFile.fileParts[${index}] must be an object.`);
    const part = item as Record<string, unknown>;
    const { ordinalNumber, fileSize: partSize } = part;
    if (typeof ordinalNumber !== 'number' || !Number.isInteger(ordinalNumber) || ordinalNumber < 1) throw ApiError.validation(`batchFile.fileParts[${index}].ordinalNumber must be a positive integer.`);
    if (typeof partSize !== 'number' || !Number.isInteger(partSize) || partSize < 1) throw ApiError.validation(`batchFile.fileParts[${index}].fileSize must be a positive integer.`);
    return { ordinalNumber, fileSize: partSize, fileHash: requiredString(part, 'fileHash', `batchFile.fileParts[${index}].fileHash`) };
  });
  for (const hash of [fileHash, ...fileParts.map((p) => p.fileHash)]) {
    if (!/^[A-Za-z0-9+/]{43}=$/.test(hash)) throw ApiError.validation('A file hash must be a Base64 SHA-256 value (44 characters).');
  }
  return { fileSize, fileHash, compressionType, fileParts };
}

// The pre-signed upload imitates blob storage: it answers with bare statuses, like Azure does.
function upload(sim: SimulatorServices, ctx: RouteContext) {
  const referenceNumber = param(ctx, 'referenceNumber');
  const ordinalNumber = Number(param(ctx, 'ordinalNumber'));
  // The URL carries its own authorisation; a Bearer token here means the client leaks it (ksef-api.md §5.3).
  if (header(ctx, 'authorization') !== undefined) throw ApiError.unauthorized('Do adresu przesyłania części nie należy dołączać tokenu dostępowego.');
  const signature = sim.presigned.check(uploadPath(referenceNumber, ordinalNumber), ctx.query, sim.clock.nowMs());
  if (signature !== 'valid') throw ApiError.forbidden('insufficient-resource-access', signature === 'expired' ? 'Upłynął czas na przesłanie części paczki.' : 'Nieprawidłowy podpis adresu.');
  const session = sim.state.sessions[referenceNumber];
  if (session === undefined || session.kind !== 'Batch') throw ApiError.forbidden('insufficient-resource-access', 'Nieprawidłowy adres.');
  const data = batchData(session);
  if (session.status.code !== 100) throw ApiError.forbidden('insufficient-resource-access', 'Sesja nie przyjmuje już części paczki.');
  if ((header(ctx, 'x-ms-blob-type') ?? '') !== uploadHeaders['x-ms-blob-type']) throw ApiError.validation('Wymagany nagłówek x-ms-blob-type: BlockBlob.');
  if (!data.declaration.fileParts.some((p) => p.ordinalNumber === ordinalNumber)) throw ApiError.validation(`Część ${ordinalNumber} nie została zadeklarowana.`);
  const stored = Buffer.from(ctx.body);
  // An injected `corruptPart` fault damages the stored bytes; processing then fails with 405.
  if (sim.faults.takeCorruptPart() !== undefined && stored.length > 0) stored[0] = (stored[0] ?? 0) ^ 0xff;
  data.partsBase64[String(ordinalNumber)] = stored.toString('base64');
  data.partSizes[String(ordinalNumber)] = ctx.body.length;
  session.updatedAtMs = sim.clock.nowMs();
  sim.changed();
  return empty(201);
}

function close(sim: SimulatorServices, sessions: SessionRegistry, ctx: RouteContext) {
  const referenceNumber = param(ctx, 'referenceNumber');
  const session = sessions.get(referenceNumber, ctx.principal);
  if (session.kind !== 'Batch') {
    throw ApiError.badRequest(21173, 'Brak sesji o wskazanym numerze referencyjnym.', [`Sesja o numerze referencyjnym ${referenceNumber} nie została znaleziona.`]);
  }
  observeBatchSession(sim, session); // a session past its 12 hours is cancelled first
  const data = batchData(session);
  const now = sim.clock.nowMs();
  if (session.status.code === 100) {
    const uploaded = new Map(Object.entries(data.partSizes).map(([n, size]) => [Number(n), size]));
    const missing = data.declaration.fileParts.some((p) => !uploaded.has(p.ordinalNumber));
    // Parts may no longer arrive after the window; a package left incomplete by then is cancelled.
    if (missing && now > data.uploadWindowEndsAtMs) {
      cancelBatchSession(sim, session);
      throw ApiError.badRequest(21208, 'Czas oczekiwania na requesty upload lub finish został przekroczony.', ['Sesja anulowana, przekroczony czas wysyłki.']);
    }
    const problem = checkUploadedParts(data.declaration, uploaded);
    if (problem) throw ApiError.badRequest(problem.code, problem.description, problem.details);
  } else if (session.status.code === 440 && session.status.details?.includes('Przekroczono czas wysyłki')) {
    throw ApiError.badRequest(21208, 'Czas oczekiwania na requesty upload lub finish został przekroczony.', ['Sesja anulowana, przekroczony czas wysyłki.']);
  } else {
    throw ApiError.badRequest(21180, 'Status sesji nie pozwala na wykonanie operacji.', [`Status sesji ${session.status.code} uniemożliwia jej zamknięcie.`]);
  }
  // Taken only once the close is accepted, so a refused close leaves the fault for the next one.
  const processingError = sim.faults.takeProcessingError(batchCloseOperation);
  if (processingError !== undefined) data.failWithStatusCode = processingError.statusCode ?? 500;
  session.status = batchSessionStatus(150);
  session.closedAtMs = now;
  session.updatedAtMs = now;
  session.readsLeftInStage = sim.config.readsPerStage;
  if (session.readsLeftInStage <= 0) processBatchSession(sim, session);
  sim.changed();
  return empty(204);
}
