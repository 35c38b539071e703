import { readFileSync } from 'node:fs';
import { openApiPath } from '../specFiles.js';
import { OpenApiContract } from './OpenApiContract.js';

/**
 * Every JSON example that open-api.json attaches to a request body or a response must pass the
 * contract's own schemas. This proves the OpenAPI 3.0 → ajv translation on real data (nullable,
 * 7-digit fractional date-times, refs, formats) across all operations.
 */

type JsonObject = { [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface OfficialExample {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly status: number | 'request';
  readonly contentType: string;
  readonly value: unknown;
}

const document: unknown = JSON.parse(readFileSync(openApiPath, 'utf8'));

/** `example`, and each named entry of `examples`, as [name, value]. */
function examplesOf(media: JsonObject): [string, unknown][] {
  const values: [string, unknown][] = [];
  if ('example' in media) values.push(['example', media.example]);
  if (isObject(media.examples)) {
    for (const [name, example] of Object.entries(media.examples)) {
      if (isObject(example) && 'value' in example) values.push([name, example.value]);
    }
  }
  return values;
}

function collectExamples(): OfficialExample[] {
  const found: OfficialExample[] = [];
  const paths = isObject(document) && isObject(document.paths) ? document.paths : {};
  for (const [template, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!isObject(operation)) continue;
      const add = (status: number | 'request', content: unknown): void => {
        if (!isObject(content)) return;
        for (const [contentType, media] of Object.entries(content)) {
          if (!isObject(media) || !contentType.includes('json')) continue;
          for (const [name, value] of examplesOf(media)) {
            found.push({ id: `${method.toUpperCase()} ${template} ${status} ${contentType} ${name}`, method, path: template, status, contentType, value });
          }
        }
      };
      if (isObject(operation.requestBody)) add('request', operation.requestBody.content);
      if (isObject(operation.responses)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (isObject(response)) add(Number(status), response.content);
        }
      }
    }
  }
  return found;
}

/**
 * Official examples that contradict their own schema: the exact errors expected, and why. An entry
 * that starts passing, or fails differently, fails the test below, so this list cannot rot.
 */
const truncatedBase64 = 'the example abbreviates the base64 value with "..."';
const authStatusWithoutMethodInfo = {
  errors: ["/: must have required property 'authenticationMethodInfo'"],
  reason: 'authenticationMethodInfo became required (it replaces the deprecated authenticationMethod); the examples predate it',
};
const knownInvalidExamples: Readonly<Record<string, { readonly errors: readonly string[]; readonly reason: string }>> = {
  'GET /security/public-key-certificates 200 application/json example': {
    errors: ['/0/certificate: must match format "byte"', '/1/certificate: must match format "byte"'],
    reason: truncatedBase64,
  },
  'POST /auth/ksef-token request application/json example': {
    errors: ['/encryptedToken: must match format "byte"'],
    reason: truncatedBase64,
  },
  'POST /sessions/online/{referenceNumber}/invoices request application/json example': {
    errors: ['/encryptedInvoiceContent: must match format "byte"'],
    reason: truncatedBase64,
  },
  'GET /peppol/query 200 application/json example': {
    errors: ['/peppolProviders/0/id: must NOT have more than 9 characters', '/peppolProviders/0/id: must match pattern "^P[A-Z]{2}[0-9]{6}$"'],
    reason: 'PeppolId is P + two letters + six digits; the example "P123456789" has nine digits',
  },
  'POST /permissions/query/eu-entities/grants request application/json example': {
    errors: [expect.stringMatching(/^\/vatUeIdentifier: must match pattern /) as unknown as string],
    reason: 'a German VAT UE number is DE + 9 digits; the example "DE123456789012" has 12',
  },
  'GET /sessions/{referenceNumber}/invoices/{invoiceReferenceNumber} 200 application/json example': {
    errors: ["/: must have required property 'invoiceHash'"],
    reason: 'invoiceHash is required in SessionInvoiceStatusResponse; the 440-duplicate example omits it',
  },
};

describe('official open-api.json examples', () => {
  const contract = OpenApiContract.load();
  const examples = collectExamples();

  it('finds the request and response examples of the contract', () => {
    expect(examples.filter((example) => example.status === 'request').length).toBeGreaterThan(20);
    expect(examples.filter((example) => example.status !== 'request').length).toBeGreaterThan(40);
  });

  it('validates every example except the documented invalid ones', () => {
    const failures: Record<string, readonly string[]> = {};
    for (const example of examples) {
      const outcome =
        example.status === 'request'
          ? contract.validateRequest(example.method, example.path, example.value, example.contentType)
          : contract.validateResponse(example.method, example.path, example.status, example.value, example.contentType);
      // Path templates are passed as paths, so `{referenceNumber}` is a (pattern-violating) value;
      // only body errors count here.
      const bodyErrors = outcome.errors.filter((error) => !error.startsWith('(path '));
      if (bodyErrors.length > 0) failures[example.id] = bodyErrors;
    }
    const expected: Record<string, readonly string[]> = Object.fromEntries(Object.entries(knownInvalidExamples).map(([id, known]) => [id, known.errors]));
    // All eight auth-status examples share one defect.
    for (const example of examples.filter((candidate) => candidate.id.startsWith('GET /auth/{referenceNumber} 200 '))) {
      expected[example.id] = authStatusWithoutMethodInfo.errors;
    }
    expect(failures).toEqual(expected);
  });

  it('validates the examples attached to component schemas', () => {
    const schemas = isObject(document) && isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
    const failures: Record<string, readonly string[]> = {};
    let checked = 0;
    for (const [name, schema] of Object.entries(schemas)) {
      if (!isObject(schema) || !('example' in schema)) continue;
      checked += 1;
      const outcome = contract.validateComponent(name, schema.example);
      if (!outcome.valid) failures[name] = outcome.errors;
    }
    expect(checked).toBeGreaterThan(5);
    expect(failures).toEqual(knownInvalidComponentExamples);
  });
});

/** Component-level examples that contradict their schema (exact errors; reason beside each). */
const knownInvalidComponentExamples: Readonly<Record<string, readonly string[]>> = {
  // The legacy error's example timestamp has no UTC offset (research/ksef-api.md §13.1), which RFC 3339
  // `date-time` requires. The contract stays strict: what we emit carries an offset; clients should
  // still tolerate a missing one when reading KSeF's errors.
  ExceptionResponse: ['/exception/timestamp: must match format "date-time"'],
};
