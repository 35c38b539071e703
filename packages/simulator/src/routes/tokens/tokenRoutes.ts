import type { ApiSchema } from '@ksef-connect/spec';
import { formatKsefDateTime } from '../../domain/index.js';
import { ApiError } from '../../http/ApiError.js';
import { requestJson, requiredString } from '../../http/requestJson.js';
import { param, type RouteContext } from '../../http/RouteContext.js';
import { empty, json } from '../../http/RouteResult.js';
import { page } from '../../paging/page.js';
import { pageSize } from '../../paging/pageSize.js';
import type { RouteModule } from '../../SimulatorServices.js';
import type { KsefTokenRecord } from '../../state/KsefTokenRecord.js';
import { KsefTokens } from '../../tokens/KsefTokens.js';

const tokenPermissions = ['InvoiceRead', 'InvoiceWrite', 'CredentialsRead', 'CredentialsManage', 'SubunitManage', 'EnforcementOperations', 'Introspection'];
const tokenStatuses = ['Pending', 'Active', 'Revoking', 'Revoked', 'Failed'];

function view(record: KsefTokenRecord): ApiSchema<'TokenStatusResponse'> {
  return {
    referenceNumber: record.referenceNumber,
    authorIdentifier: record.author as ApiSchema<'TokenStatusResponse'>['authorIdentifier'],
    contextIdentifier: record.context as ApiSchema<'TokenStatusResponse'>['contextIdentifier'],
    description: record.description,
    requestedPermissions: record.permissions as ApiSchema<'TokenStatusResponse'>['requestedPermissions'],
    dateCreated: formatKsefDateTime(new Date(record.createdAtMs)),
    ...(record.lastUseMs === undefined ? {} : { lastUseDate: formatKsefDateTime(new Date(record.lastUseMs)) }),
    status: record.status,
  };
}

/**
 * KSeF tokens (`tokeny-ksef.md`, ksef-api.md §12): generate (202, secret shown once, Pending →
 * Active), list with filters and paging, read, revoke.
 */
export const tokenRoutes: RouteModule = (sim) => {
  const tokens = new KsefTokens(sim);
  // With Credentials* the caller sees every token of the context, otherwise only those it authored.
  const visible = (record: KsefTokenRecord, ctx: RouteContext): boolean => {
    const p = ctx.principal;
    if (p?.context === undefined || record.context.type !== p.context.type || record.context.value !== p.context.value) return false;
    if (p.permissions.includes('CredentialsManage') || p.permissions.includes('CredentialsRead')) return true;
    return p.subject !== undefined && record.author.type === p.subject.type && record.author.value === p.subject.value;
  };
  const find = (ctx: RouteContext): KsefTokenRecord => {
    const record = tokens.get(param(ctx, 'referenceNumber'));
    if (!visible(record, ctx)) throw ApiError.validation(`Token o numerze referencyjnym ${record.referenceNumber} nie istnieje.`);
    return record;
  };
  return [
    {
      method: 'POST',
      path: '/v2/tokens',
      auth: 'access',
      handle: (ctx) => {
        const body = requestJson(ctx);
        const description = requiredString(body, 'description');
        if (description.length < 5 || description.length > 256) throw ApiError.validation('The field description must be 5 to 256 characters long.');
        const permissions = body['permissions'];
        if (!Array.isArray(permissions) || permissions.some((p) => typeof p !== 'string' || !tokenPermissions.includes(p))) {
          throw ApiError.validation(`The field permissions must list values of ${tokenPermissions.join(', ')}.`);
        }
        const principal = ctx.principal;
        const context = principal?.context;
        if (context === undefined || (context.type !== 'Nip' && context.type !== 'InternalId')) {
          throw ApiError.badRequest(26002, 'Nie można wygenerować tokena dla obecnego typu kontekstu.', [`Kontekst ${context?.type ?? '?'}; dozwolone: Nip, InternalId.`]);
        }
        const missing = (permissions as string[]).filter((p) => !principal?.permissions.includes(p));
        if (missing.length > 0) throw ApiError.badRequest(26001, 'Nie można nadać tokenowi uprawnień których nie posiadasz.', missing);
        const { record, token } = tokens.create(principal?.subject ?? context, context, [...new Set(permissions as string[])], description);
        return json(202, { referenceNumber: record.referenceNumber, token });
      },
    },
    {
      method: 'GET',
      path: '/v2/tokens',
      auth: 'access',
      handle: (ctx) => {
        const q = ctx.query;
        const size = pageSize(q, 10, 100);
        const statuses = q.getAll('status');
        const unknown = statuses.find((s) => !tokenStatuses.includes(s));
        if (unknown !== undefined) throw ApiError.validation(`The value '${unknown}' is not valid for status.`);
        const description = q.get('description');
        const author = q.get('authorIdentifier');
        const authorType = q.get('authorIdentifierType');
        if ((description !== null && description.length < 3) || (author !== null && author.length < 3)) throw ApiError.validation('Filters need at least 3 characters.');
        const matching = Object.values(sim.state.ksefTokens)
          .filter((t) => visible(t, ctx))
          .filter((t) => statuses.length === 0 || statuses.includes(t.status))
          .filter((t) => description === null || t.description.toLowerCase().includes(description.toLowerCase()))
          .filter((t) => author === null || t.author.value.includes(author))
          .filter((t) => authorType === null || t.author.type === authorType)
          .sort((a, b) => b.createdAtMs - a.createdAtMs || b.referenceNumber.localeCompare(a.referenceNumber));
        const scope = `tokens|${ctx.principal?.context?.value ?? ''}|${[...q.entries()].filter(([k]) => k !== 'pageSize').sort().join('&')}`;
        const result = page(ctx, sim.continuation, scope, matching, size);
        return json(200, {
          ...(result.continuationToken === undefined ? {} : { continuationToken: result.continuationToken }),
          tokens: result.items.map(view),
        });
      },
    },
    {
      method: 'GET',
      path: '/v2/tokens/{referenceNumber}',
      auth: 'access',
      handle: (ctx) => {
        const record = find(ctx);
        tokens.observe(record);
        return json(200, view(record));
      },
    },
    {
      method: 'DELETE',
      path: '/v2/tokens/{referenceNumber}',
      auth: 'access',
      handle: (ctx) => {
        const record = find(ctx);
        record.status = 'Revoked';
        sim.changed();
        return empty(204);
      },
    },
  ];
};
