import { findInvoiceSchema, onlineSessionStatus, openInvoicePayload, invoiceStatus, unwrapSessionKey, formatKsefDateTime } from '../../domain/index.js';
import { requireFormWriter } from '../../auth/formWriters.js';
import { ApiError } from '../../http/ApiError.js';
import { optionalString, requestJson, requiredObject, requiredString } from '../../http/requestJson.js';
import { param } from '../../http/RouteContext.js';
import { empty, json } from '../../http/RouteResult.js';
import { SessionProcessing } from '../../sessions/SessionProcessing.js';
import { SessionRegistry } from '../../sessions/SessionRegistry.js';
import type { RouteModule } from '../../SimulatorServices.js';
import type { SessionRecord } from '../../state/SessionRecord.js';

/** An online session lives 12 hours from creation (ksef-api.md §4.1). */
const sessionLifetimeMs = 12 * 3600_000;
/** Invoices per session (ksef-api.md §10.3). */
const maxInvoices = 10_000;
/** Plain invoice size without attachment: 1 MB (SI units, ksef-api.md §10.3). */
const maxInvoiceSize = 1_000_000;
const writers = ['InvoiceWrite', 'PefInvoiceWrite', 'EnforcementOperations'];
const sha256Base64Pattern = /^[A-Za-z0-9+/]{43}=$/;

/** Online (interactive) sessions: open, send, close (ksef-api.md §4, `sesja-interaktywna.md`). */
export const onlineSessionRoutes: RouteModule = (sim) => {
  const sessions = new SessionRegistry(sim);
  const processing = new SessionProcessing(sim);
  return [
    {
      method: 'POST',
      path: '/v2/sessions/online',
      auth: 'access',
      permissions: writers,
      handle: (ctx) => {
        const body = requestJson(ctx);
        const formCodeBody = requiredObject(body, 'formCode');
        const formCode = {
          systemCode: requiredString(formCodeBody, 'systemCode', 'formCode.systemCode'),
          schemaVersion: requiredString(formCodeBody, 'schemaVersion', 'formCode.schemaVersion'),
          value: requiredString(formCodeBody, 'value', 'formCode.value'),
        };
        const encryptionBody = requiredObject(body, 'encryption');
        const encryption = {
          encryptedSymmetricKey: requiredString(encryptionBody, 'encryptedSymmetricKey', 'encryption.encryptedSymmetricKey'),
          initializationVector: requiredString(encryptionBody, 'initializationVector', 'encryption.initializationVector'),
          publicKeyId: optionalString(encryptionBody, 'publicKeyId') ?? null,
        };
        if (findInvoiceSchema(formCode) === undefined) throw ApiError.validation('Wskazany kod formularza nie jest wspierany.');
        requireFormWriter(formCode, ctx.principal);
        const unwrapped = unwrapSessionKey(sim.keys, encryption);
        if (!unwrapped.ok && unwrapped.reason === 'unknownPublicKey') {
          throw ApiError.badRequest(21470, 'Przesłany identyfikator klucza jest nieznany lub wskazuje na wycofany klucz.', [`Klucz o identyfikatorze ${encryption.publicKeyId ?? ''} nie jest wspierany.`]);
        }
        const principal = ctx.principal;
        const operation = sim.state.authOperations[principal?.authReference ?? ''];
        const now = sim.clock.nowMs();
        const session: SessionRecord = {
          referenceNumber: sim.references.next('onlineSession'),
          kind: 'Online',
          context: principal?.context ?? { type: 'Nip', value: '' },
          ...(principal?.subject === undefined ? {} : { subject: principal.subject }),
          authReference: principal?.authReference ?? '',
          formCode,
          createdAtMs: now,
          updatedAtMs: now,
          validUntilMs: now + sessionLifetimeMs,
          // A key that does not unwrap is not refused here: the session fails with 415 (ksef-api.md §4.1).
          status: unwrapped.ok ? { ...onlineSessionStatus(100) } : { ...onlineSessionStatus(415) },
          ...(unwrapped.ok ? { symmetricKey: { keyBase64: unwrapped.sessionKey.key.toString('base64'), ivBase64: unwrapped.sessionKey.iv.toString('base64') } } : {}),
          readsLeftInStage: 0,
          invoices: [],
          upoPages: [],
          ...(operation?.ksefTokenReference === undefined ? {} : { ksefTokenReference: operation.ksefTokenReference }),
          ...(operation?.signedDocumentHash === undefined ? {} : { signedDocumentHash: operation.signedDocumentHash }),
        };
        sessions.add(session);
        return json(201, { referenceNumber: session.referenceNumber, validUntil: formatKsefDateTime(new Date(session.validUntilMs)) });
      },
    },
    {
      method: 'POST',
      path: '/v2/sessions/online/{referenceNumber}/invoices',
      auth: 'access',
      permissions: writers,
      handle: (ctx) => {
        const session = sessions.get(param(ctx, 'referenceNumber'), ctx.principal);
        requireFormWriter(session.formCode, ctx.principal);
        processing.expireIfDue(session);
        if (session.kind !== 'Online' || session.status.code !== 100 || session.symmetricKey === undefined) {
          throw ApiError.badRequest(21180, 'Status sesji nie pozwala na wykonanie operacji.', [`Status sesji ${session.status.code} uniemożliwia wysyłkę faktur.`]);
        }
        if (session.invoices.length >= maxInvoices) {
          throw ApiError.badRequest(21155, 'Przekroczono dozwoloną liczbę faktur w sesji.', [`Sesja o numerze referencyjnym ${session.referenceNumber} osiągnęła dozwolony limit liczby faktur ${maxInvoices}.`]);
        }
        const body = requestJson(ctx);
        const declared = {
          invoiceHash: hashField(body, 'invoiceHash'),
          invoiceSize: sizeField(body, 'invoiceSize'),
          encryptedInvoiceHash: hashField(body, 'encryptedInvoiceHash'),
          encryptedInvoiceSize: sizeField(body, 'encryptedInvoiceSize'),
        };
        const content = requiredString(body, 'encryptedInvoiceContent');
        const offlineMode = body['offlineMode'] === true;
        if (body['hashOfCorrectedInvoice'] != null) {
          // Technical corrections are not simulated; say so rather than accept them silently.
          throw ApiError.validation('Symulator nie obsługuje korekt technicznych (hashOfCorrectedInvoice).');
        }
        if (declared.invoiceSize > maxInvoiceSize) throw ApiError.validation(`Rozmiar faktury (${declared.invoiceSize}) przekracza dopuszczalny rozmiar ${maxInvoiceSize} B.`);
        const payload = openInvoicePayload(Buffer.from(content, 'base64'), declared, {
          key: Buffer.from(session.symmetricKey.keyBase64, 'base64'),
          iv: Buffer.from(session.symmetricKey.ivBase64, 'base64'),
        });
        if (!payload.ok && payload.problem.kind !== 'decryptionFailed') {
          const code = payload.problem.exceptionCode;
          throw ApiError.badRequest(code, code === 21402 ? 'Nieprawidłowy rozmiar pliku.' : 'Nieprawidłowy skrót pliku.', [payload.problem.detail]);
        }
        const now = sim.clock.nowMs();
        const referenceNumber = sim.references.next('invoice');
        session.invoices.push({
          referenceNumber,
          ordinalNumber: session.invoices.length + 1,
          invoiceHash: declared.invoiceHash,
          invoicingDateMs: now,
          offlineMode,
          ...(payload.ok ? { plaintextBase64: payload.plaintext.toString('base64') } : {}),
          status: { ...invoiceStatus(100) },
          readsLeftInStage: sim.config.readsPerStage,
        } as SessionRecord['invoices'][number]);
        session.updatedAtMs = now;
        sim.changed();
        return json(202, { referenceNumber });
      },
    },
    {
      method: 'POST',
      path: '/v2/sessions/online/{referenceNumber}/close',
      auth: 'access',
      permissions: writers,
      handle: (ctx) => {
        const session = sessions.get(param(ctx, 'referenceNumber'), ctx.principal);
        requireFormWriter(session.formCode, ctx.principal);
        processing.expireIfDue(session);
        if (session.kind !== 'Online' || session.status.code !== 100) {
          throw ApiError.badRequest(21180, 'Status sesji nie pozwala na wykonanie operacji.', [`Status sesji ${session.status.code} uniemożliwia jej zamknięcie.`]);
        }
        processing.close(session);
        return empty(204);
      },
    },
  ];
};

function hashField(body: Record<string, unknown>, name: string): string {
  const value = requiredString(body, name);
  if (!sha256Base64Pattern.test(value)) throw ApiError.validation(`The field ${name} must be a Base64 SHA-256 hash (44 characters).`);
  return value;
}

function sizeField(body: Record<string, unknown>, name: string): number {
  const value = body[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw ApiError.validation(`The field ${name} must be an integer ≥ 1.`);
  return value;
}
