import { OpenApiContract } from './OpenApiContract.js';
import { assertConforms } from './assertConforms.js';

const contract = OpenApiContract.load();

const sessionRef = '20250625-SO-2C3E6C8000-B675CF5D68-07';
const invoiceRef = '20250626-EE-2F20AD2000-242386DF86-52';
const hash = 'EbrK4cOSjW4hEpJaHU71YXSOZZmqP5++dK9nLgTzgV4=';

const openSessionRequest = {
  formCode: { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' },
  encryption: { encryptedSymmetricKey: 'AAEC', initializationVector: 'OmtDQdl6vkOI1GLKZSjgEg==', publicKeyId: 'QIoAK/Yc3s27Z4t3SZY4Mhp8JNLH7Vl4N3lNlJAEig8=' },
};

const sendInvoiceRequest = {
  invoiceHash: hash,
  invoiceSize: 6480,
  encryptedInvoiceHash: hash,
  encryptedInvoiceSize: 6496,
  encryptedInvoiceContent: 'AAECAwQ=',
};

describe('OpenApiContract.load', () => {
  it('parses open-api.json once per process', () => {
    expect(OpenApiContract.load()).toBe(contract);
  });
});

describe('OpenApiContract.findOperation', () => {
  it('matches a path with /v2 and a query string to its template', () => {
    const match = contract.findOperation('get', `/v2/sessions/${sessionRef}/invoices?pageSize=10`);
    expect(match).toMatchObject({
      operationId: 'GET /sessions/{referenceNumber}/invoices',
      method: 'GET',
      template: '/sessions/{referenceNumber}/invoices',
      pathParameters: { referenceNumber: sessionRef },
    });
  });

  it('accepts a path without /v2 and a full URL', () => {
    expect(contract.findOperation('POST', '/sessions/online')?.template).toBe('/sessions/online');
    expect(contract.findOperation('POST', 'https://api-test.ksef.mf.gov.pl/v2/sessions/online')?.template).toBe('/sessions/online');
  });

  it('prefers a literal segment over a parameter', () => {
    expect(contract.findOperation('GET', `/sessions/${sessionRef}/invoices/failed`)?.template).toBe('/sessions/{referenceNumber}/invoices/failed');
    expect(contract.findOperation('GET', `/sessions/${sessionRef}/invoices/${invoiceRef}`)).toMatchObject({
      template: '/sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}',
      pathParameters: { referenceNumber: sessionRef, invoiceReferenceNumber: invoiceRef },
    });
    expect(contract.findOperation('DELETE', '/auth/sessions/current')?.template).toBe('/auth/sessions/current');
  });

  it('percent-decodes path parameters', () => {
    expect(contract.findOperation('GET', '/invoices/ksef/5265877635-20250826-0100001AF629-AF')?.pathParameters).toEqual({
      ksefNumber: '5265877635-20250826-0100001AF629-AF',
    });
    expect(contract.findOperation('POST', '/certificates/01%2F02/revoke')?.pathParameters).toEqual({ certificateSerialNumber: '01/02' });
  });

  it('finds nothing for an unknown path or a method the path does not have', () => {
    expect(contract.findOperation('GET', '/nothing/here')).toBeUndefined();
    expect(contract.findOperation('DELETE', '/sessions/online')).toBeUndefined();
    expect(contract.findOperation('GET', '/sessions/')).toMatchObject({ template: '/sessions' });
  });
});

describe('OpenApiContract.validateRequest', () => {
  it('accepts a conforming open-session request', () => {
    const outcome = contract.validateRequest('POST', '/v2/sessions/online', openSessionRequest);
    expect(outcome).toMatchObject({ valid: true, errors: [] });
    expect(outcome.operation?.template).toBe('/sessions/online');
  });

  it('reports a missing required field with its JSON pointer', () => {
    const { formCode: _formCode, ...withoutFormCode } = openSessionRequest;
    expect(contract.validateRequest('POST', '/sessions/online', withoutFormCode).errors).toEqual(["/: must have required property 'formCode'"]);
    const { systemCode: _systemCode, ...formCode } = openSessionRequest.formCode;
    expect(contract.validateRequest('POST', '/sessions/online', { ...openSessionRequest, formCode }).errors).toEqual([
      "/formCode: must have required property 'systemCode'",
    ]);
  });

  it('reports wrong types, bad base64, patterns and lengths', () => {
    const outcome = contract.validateRequest('POST', `/sessions/online/${sessionRef}/invoices`, {
      ...sendInvoiceRequest,
      invoiceSize: '6480',
      encryptedInvoiceContent: 'not base64!',
      invoiceHash: 'tooShort',
    });
    expect(outcome.valid).toBe(false);
    expect(outcome.errors).toEqual(
      expect.arrayContaining([
        '/invoiceSize: must be integer',
        '/encryptedInvoiceContent: must match format "byte"',
        '/invoiceHash: must NOT have fewer than 44 characters',
      ]),
    );
  });

  it('accepts null for a nullable $ref property and rejects a wrong type there', () => {
    const path = `/sessions/online/${sessionRef}/invoices`;
    expect(contract.validateRequest('POST', path, { ...sendInvoiceRequest, hashOfCorrectedInvoice: null }).valid).toBe(true);
    expect(contract.validateRequest('POST', path, { ...sendInvoiceRequest, hashOfCorrectedInvoice: 42 }).errors).toEqual(['/hashOfCorrectedInvoice: must be string']);
  });

  it('checks path parameters against their schema', () => {
    expect(contract.validateRequest('POST', `/sessions/online/short/invoices`, sendInvoiceRequest).errors).toEqual([
      '(path {referenceNumber}) /: must NOT have fewer than 36 characters',
    ]);
  });

  it('rejects a body where none is documented, and an unknown operation', () => {
    expect(contract.validateRequest('POST', `/sessions/online/${sessionRef}/close`, undefined).valid).toBe(true);
    expect(contract.validateRequest('POST', `/sessions/online/${sessionRef}/close`, {}).errors).toEqual([
      '(body): POST /sessions/online/{referenceNumber}/close documents no request body',
    ]);
    expect(contract.validateRequest('POST', '/v2/nope', {}).errors).toEqual(['(operation): POST /nope is not an operation of the contract']);
  });

  it('checks only the content type of an XML request', () => {
    expect(contract.validateRequest('POST', '/auth/xades-signature', '<AuthTokenRequest/>', 'application/xml').valid).toBe(true);
    expect(contract.validateRequest('POST', '/auth/xades-signature', '<AuthTokenRequest/>', 'application/json').errors).toEqual([
      '(content-type): application/json is not documented for POST /auth/xades-signature request (documented: application/xml)',
    ]);
  });
});

describe('OpenApiContract.validateResponse', () => {
  it('accepts a response whose date-time has 7 fractional digits and an offset', () => {
    const body = { referenceNumber: sessionRef, validUntil: '2025-07-11T12:23:56.0154302+00:00' };
    expect(contract.validateResponse('POST', '/v2/sessions/online', 201, body, 'application/json; charset=utf-8').valid).toBe(true);
    expect(contract.validateResponse('POST', '/v2/sessions/online', 201, { ...body, validUntil: '2025-07-11T12:23:56.0154302Z' }).valid).toBe(true);
  });

  it('rejects date-times without an offset or with an impossible date', () => {
    const body = { referenceNumber: sessionRef, validUntil: '2025-07-11T12:23:56.0154302' };
    expect(contract.validateResponse('POST', '/sessions/online', 201, body).errors).toEqual(['/validUntil: must match format "date-time"']);
    expect(contract.validateResponse('POST', '/sessions/online', 201, { ...body, validUntil: '2025-02-30T12:00:00Z' }).valid).toBe(false);
  });

  it('reports an undocumented status', () => {
    expect(contract.validateResponse('POST', '/sessions/online', 500, {}).errors).toEqual([
      '(status): 500 is not documented for POST /sessions/online (documented: 201, 400, 401, 403, 429)',
    ]);
  });

  it('tries every documented JSON type when no content type is given', () => {
    const legacy = { exception: { exceptionDetailList: [{ exceptionCode: 21405, exceptionDescription: 'Błąd walidacji danych wejściowych.' }] } };
    expect(contract.validateResponse('POST', '/sessions/online', 400, legacy).valid).toBe(true);
    // The legacy body is not a problem-details body.
    expect(contract.validateResponse('POST', '/sessions/online', 400, legacy, 'application/problem+json').valid).toBe(false);
    const neither = contract.validateResponse('POST', '/sessions/online', 400, { exception: 'boom' });
    expect(neither.errors).toEqual(expect.arrayContaining(['[application/json] /exception: must be object']));
  });

  it('accepts null in nullable properties of a response', () => {
    const body = {
      status: { code: 100, description: 'Sesja interaktywna otwarta' },
      dateCreated: '2025-07-11T12:23:56.0154302+00:00',
      dateUpdated: '2025-07-11T12:23:56.0154302+00:00',
      validUntil: null,
      upo: null,
      invoiceCount: null,
    };
    expect(contract.validateResponse('GET', `/sessions/${sessionRef}`, 200, body).valid).toBe(true);
    expect(contract.validateResponse('GET', `/sessions/${sessionRef}`, 200, { ...body, upo: {} }).errors).toEqual(["/upo: must have required property 'pages'"]);
    expect(contract.validateResponse('GET', `/sessions/${sessionRef}`, 200, { ...body, invoiceCount: -1 }).errors).toEqual(['/invoiceCount: must be >= 0']);
  });

  it('checks XML responses by status and content type only', () => {
    const upoPath = `/sessions/${sessionRef}/invoices/${invoiceRef}/upo`;
    expect(contract.validateResponse('GET', upoPath, 200, '<Potwierdzenie/>', 'application/xml').valid).toBe(true);
    expect(contract.validateResponse('GET', upoPath, 200, undefined).valid).toBe(true);
    expect(contract.validateResponse('GET', upoPath, 200, {}, 'application/json').valid).toBe(false);
  });

  it('requires a documented JSON body and rejects a body where none is documented', () => {
    expect(contract.validateResponse('POST', '/sessions/online', 201, undefined).errors).toEqual([
      '(body): POST /sessions/online 201 documents a application/json body, none was given',
    ]);
    expect(contract.validateResponse('POST', `/sessions/online/${sessionRef}/close`, 204, undefined).valid).toBe(true);
    expect(contract.validateResponse('POST', `/sessions/online/${sessionRef}/close`, 204, {}).valid).toBe(false);
  });
});

describe('OpenApiContract.validateComponent', () => {
  it('validates a value against a named schema', () => {
    expect(contract.validateComponent('FormCode', openSessionRequest.formCode).valid).toBe(true);
    expect(contract.validateComponent('FormCode', {}).valid).toBe(false);
    expect(contract.validateComponent('NoSuchSchema', {}).errors).toEqual(['(schema): NoSuchSchema is not a schema of the contract']);
  });
});

describe('assertConforms', () => {
  it('passes silently on a valid result and lists every error otherwise', () => {
    expect(() => assertConforms(contract.validateRequest('POST', '/sessions/online', openSessionRequest))).not.toThrow();
    const invalid = contract.validateRequest('POST', '/sessions/online', { formCode: {} });
    expect(() => assertConforms(invalid, 'open-session request')).toThrow(
      [
        'open-session request does not conform to open-api.json (POST /sessions/online):',
        "  /: must have required property 'encryption'",
        "  /formCode: must have required property 'schemaVersion'",
        "  /formCode: must have required property 'systemCode'",
        "  /formCode: must have required property 'value'",
      ].join('\n'),
    );
  });
});
