import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type addFormatsModule from 'ajv-formats';
import { openApiPath } from '../specFiles.js';
import { PathTemplate, toSpecPath } from './PathTemplate.js';
import { toJsonSchema, type SchemaDirection } from './toJsonSchema.js';

/** An operation of open-api.json that a method and URL path resolve to. */
export interface OperationMatch {
  /** The spec's `operationId`; open-api.json declares none today, so `"POST /sessions/online"` (method + template) stands in. */
  readonly operationId: string;
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The `paths` key, e.g. `/sessions/{referenceNumber}`. */
  readonly template: string;
  readonly summary: string | undefined;
  /** Path parameters taken from the concrete path, percent-decoded. */
  readonly pathParameters: Readonly<Record<string, string>>;
}

/** Outcome of checking a message against the contract; each error reads `<JSON pointer>: <message>`. */
export interface ConformanceResult {
  readonly valid: boolean;
  readonly errors: readonly string[];
  /** The operation the message was checked against (`undefined` when none matched). */
  readonly operation: OperationMatch | undefined;
}

type JsonObject = { [key: string]: unknown };

interface MediaType {
  /** Lower-case media type without parameters. */
  readonly contentType: string;
  readonly schema: unknown;
}

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const requestComponentsId = 'urn:ksef-connect:openapi:request-components';
const responseComponentsId = 'urn:ksef-connect:openapi:response-components';

/** Cache of contracts loaded by {@link OpenApiContract.load}, one per file. */
const loaded = new Map<string, OpenApiContract>();

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `application/problem+json; charset=utf-8` → `application/problem+json`. */
function normalizeContentType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function isJson(contentType: string): boolean {
  return contentType === 'application/json' || contentType.endsWith('+json');
}

/**
 * The KSeF 2.0 API contract (open-api.json, OpenAPI 3.0.4) as a validator of requests and responses.
 * Schemas are translated from the OpenAPI 3.0 dialect once, then compiled lazily per
 * operation/status/content type and cached.
 */
export class OpenApiContract {
  private readonly templates: readonly PathTemplate[];
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  /** Builds a contract from a parsed OpenAPI 3.0 document. */
  constructor(private readonly document: JsonObject) {
    const paths = document.paths;
    if (!isObject(paths)) {
      throw new Error('OpenAPI document has no "paths" object');
    }
    // Most literal segments first, so `/invoices/failed` wins over `/invoices/{ref}`.
    this.templates = Object.keys(paths)
      .map((template) => new PathTemplate(template))
      .sort((a, b) => b.literalSegments - a.literalSegments);
    // ajv is loaded on first use, not at import: the spec package's index is imported by every
    // validation worker thread, and ajv + ajv-formats would add ~100 ms to each start (bench/).
    const require = createRequire(import.meta.url);
    const { Ajv: AjvClass } = require('ajv') as { Ajv: typeof Ajv };
    const addFormats = require('ajv-formats') as typeof addFormatsModule;
    this.ajv = new AjvClass({ allErrors: true, strict: true, strictRequired: false, strictTypes: false, strictTuples: false, allowUnionTypes: true, unicodeRegExp: false });
    addFormats.default(this.ajv);
    const components = isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
    for (const format of collectFormats(components)) {
      if (this.ajv.formats[format] === undefined) {
        // OpenAPI treats unknown formats as annotations (3.0.4 §4.4); ajv's strict mode would throw.
        this.ajv.addFormat(format, true);
      }
    }
    for (const [id, direction] of [[requestComponentsId, 'request'], [responseComponentsId, 'response']] as const) {
      const definitions = Object.fromEntries(
        Object.entries(components).map(([name, schema]) => [name, toJsonSchema(schema, { components, direction, componentsId: id })]),
      );
      this.ajv.addSchema({ $id: id, definitions });
    }
  }

  /** The contract of the vendored open-api.json (or another file), parsed once per process. */
  static load(file: string = openApiPath): OpenApiContract {
    let contract = loaded.get(file);
    if (contract === undefined) {
      const document: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (!isObject(document)) {
        throw new Error(`${file} is not an OpenAPI document (not a JSON object)`);
      }
      contract = new OpenApiContract(document);
      loaded.set(file, contract);
    }
    return contract;
  }

  /** The operation for `method` and a URL or URL path (with or without `/v2`; query string ignored), or `undefined`. */
  findOperation(method: string, urlOrPath: string): OperationMatch | undefined {
    const specPath = toSpecPath(urlOrPath);
    const lowerMethod = method.toLowerCase();
    for (const template of this.templates) {
      const parameters = template.match(specPath);
      if (parameters === undefined) {
        continue;
      }
      const operation = this.operationObject(template.template, lowerMethod);
      if (operation === undefined) {
        continue;
      }
      return {
        operationId: typeof operation.operationId === 'string' ? operation.operationId : `${method.toUpperCase()} ${template.template}`,
        method: method.toUpperCase(),
        template: template.template,
        summary: typeof operation.summary === 'string' ? operation.summary : undefined,
        pathParameters: parameters,
      };
    }
    return undefined;
  }

  /**
   * Checks a request: the operation exists, its path parameters fit their schemas, and the body
   * (`undefined` = none, otherwise the parsed JSON) fits the documented request body for `contentType`
   * (default: the documented JSON type). Non-JSON bodies (application/xml, octet-stream) are
   * checked for content type only.
   */
  validateRequest(method: string, urlOrPath: string, body: unknown, contentType?: string): ConformanceResult {
    const operation = this.findOperation(method, urlOrPath);
    if (operation === undefined) {
      return this.unknownOperation(method, urlOrPath);
    }
    const operationObject = this.operationObject(operation.template, operation.method.toLowerCase()) ?? {};
    const errors = this.pathParameterErrors(operation, operationObject);
    const requestBody = this.resolve(operationObject.requestBody);
    const media = mediaTypes(requestBody?.content);
    if (body === undefined) {
      if (requestBody?.required === true) {
        errors.push('(body): the request body is required');
      }
      return result(errors, operation);
    }
    if (media.length === 0) {
      errors.push(`(body): ${operation.operationId} documents no request body`);
      return result(errors, operation);
    }
    errors.push(...this.bodyErrors(media, body, contentType, 'request', `${operation.operationId} request`));
    return result(errors, operation);
  }

  /**
   * Checks a response: `status` is documented for the operation and the body (`undefined` = none,
   * otherwise the parsed JSON) fits the schema for `contentType` (default: every documented JSON type is tried).
   * Non-JSON responses (application/xml, octet-stream) are checked for status and content type only.
   */
  validateResponse(method: string, urlOrPath: string, status: number, body: unknown, contentType?: string): ConformanceResult {
    const operation = this.findOperation(method, urlOrPath);
    if (operation === undefined) {
      return this.unknownOperation(method, urlOrPath);
    }
    const operationObject = this.operationObject(operation.template, operation.method.toLowerCase()) ?? {};
    const responses = isObject(operationObject.responses) ? operationObject.responses : {};
    const statusKey = [String(status), `${String(status).charAt(0)}XX`, 'default'].find((key) => key in responses);
    if (statusKey === undefined) {
      const documented = Object.keys(responses).join(', ');
      return result([`(status): ${status} is not documented for ${operation.operationId} (documented: ${documented})`], operation);
    }
    const media = mediaTypes(this.resolve(responses[statusKey])?.content);
    if (media.length === 0) {
      return result(body === undefined ? [] : [`(body): ${operation.operationId} ${status} documents no body`], operation);
    }
    return result(this.bodyErrors(media, body, contentType, 'response', `${operation.operationId} ${status}`), operation);
  }

  /** Checks `value` against one named schema of `components.schemas` (e.g. `'SessionStatusResponse'`), as a request or response part. */
  validateComponent(name: string, value: unknown, direction: SchemaDirection = 'response'): ConformanceResult {
    if (!(name in this.componentSchemas())) {
      return result([`(schema): ${name} is not a schema of the contract`], undefined);
    }
    const validate = this.validator(`component ${name}`, { $ref: `#/components/schemas/${name}` }, direction);
    return result(validate(value) ? [] : formatErrors(validate.errors ?? []), undefined);
  }

  private bodyErrors(media: readonly MediaType[], body: unknown, contentType: string | undefined, direction: SchemaDirection, label: string): string[] {
    let candidates: readonly MediaType[];
    if (contentType !== undefined) {
      const wanted = normalizeContentType(contentType);
      const found = media.find((entry) => entry.contentType === wanted);
      if (found === undefined) {
        return [`(content-type): ${wanted} is not documented for ${label} (documented: ${media.map((entry) => entry.contentType).join(', ')})`];
      }
      candidates = [found];
    } else {
      candidates = media.filter((entry) => isJson(entry.contentType));
      if (candidates.length === 0) {
        // Only XML/binary documented and no content type to compare: nothing the contract can check.
        return [];
      }
    }
    const jsonCandidates = candidates.filter((entry) => isJson(entry.contentType));
    if (jsonCandidates.length === 0) {
      return [];
    }
    if (body === undefined) {
      return [`(body): ${label} documents a ${jsonCandidates.map((entry) => entry.contentType).join(' or ')} body, none was given`];
    }
    const failures: string[] = [];
    for (const entry of jsonCandidates) {
      const validate = this.validator(`${label} ${entry.contentType}`, entry.schema, direction);
      if (validate(body)) {
        return [];
      }
      const prefix = jsonCandidates.length > 1 ? `[${entry.contentType}] ` : '';
      failures.push(...formatErrors(validate.errors ?? []).map((message) => prefix + message));
    }
    return failures;
  }

  private validator(key: string, schema: unknown, direction: SchemaDirection): ValidateFunction {
    const cacheKey = `${direction} ${key}`;
    let validate = this.validators.get(cacheKey);
    if (validate === undefined) {
      const componentsId = direction === 'request' ? requestComponentsId : responseComponentsId;
      const components = this.componentSchemas();
      const translated = toJsonSchema(schema, { components, direction, componentsId });
      validate = this.ajv.compile(isObject(translated) ? translated : {});
      this.validators.set(cacheKey, validate);
    }
    return validate;
  }

  private pathParameterErrors(operation: OperationMatch, operationObject: JsonObject): string[] {
    const errors: string[] = [];
    const pathItem = this.pathItem(operation.template) ?? {};
    const declared = [...arrayOf(pathItem.parameters), ...arrayOf(operationObject.parameters)];
    for (const raw of declared) {
      const parameter = this.resolve(raw);
      if (parameter?.in !== 'path' || typeof parameter.name !== 'string') {
        continue;
      }
      const value = operation.pathParameters[parameter.name];
      if (value === undefined) {
        continue;
      }
      const validate = this.validator(`${operation.operationId} path ${parameter.name}`, parameter.schema, 'request');
      if (!validate(value)) {
        errors.push(...formatErrors(validate.errors ?? []).map((message) => `(path {${parameter.name}}) ${message}`));
      }
    }
    return errors;
  }

  private unknownOperation(method: string, urlOrPath: string): ConformanceResult {
    return result([`(operation): ${method.toUpperCase()} ${toSpecPath(urlOrPath)} is not an operation of the contract`], undefined);
  }

  private componentSchemas(): Record<string, unknown> {
    const components = this.document.components;
    return isObject(components) && isObject(components.schemas) ? components.schemas : {};
  }

  private pathItem(template: string): JsonObject | undefined {
    const paths = this.document.paths;
    const item = isObject(paths) ? paths[template] : undefined;
    return isObject(item) ? item : undefined;
  }

  private operationObject(template: string, lowerMethod: string): JsonObject | undefined {
    if (!(httpMethods as readonly string[]).includes(lowerMethod)) {
      return undefined;
    }
    const operation = this.pathItem(template)?.[lowerMethod];
    return isObject(operation) ? operation : undefined;
  }

  /** Follows a local `$ref` (`#/components/...`) of a parameter, request body or response object. */
  private resolve(value: unknown): JsonObject | undefined {
    let current = value;
    for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 10; hops += 1) {
      const ref = current.$ref;
      if (!ref.startsWith('#/')) {
        return undefined;
      }
      current = ref
        .slice(2)
        .split('/')
        .reduce<unknown>((node, part) => (isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), this.document);
    }
    return isObject(current) ? current : undefined;
  }
}

function result(errors: readonly string[], operation: OperationMatch | undefined): ConformanceResult {
  return { valid: errors.length === 0, errors, operation };
}

function arrayOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function mediaTypes(content: unknown): MediaType[] {
  if (!isObject(content)) {
    return [];
  }
  return Object.entries(content).map(([contentType, media]) => ({
    contentType: normalizeContentType(contentType),
    schema: isObject(media) ? media.schema : undefined,
  }));
}

function collectFormats(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    node.forEach((item) => collectFormats(item, found));
  } else if (isObject(node)) {
    if (typeof node.format === 'string') {
      found.add(node.format);
    }
    Object.values(node).forEach((value) => collectFormats(value, found));
  }
  return found;
}

/**
 * ajv errors as `<JSON pointer>: <message>`, without the noise of the `nullable` translation, each
 * once (open-api.json often repeats a `required` list beside the `$ref` that already has it).
 */
function formatErrors(errors: readonly ErrorObject[]): string[] {
  const messages = errors
    .filter((error) => error.keyword !== 'if')
    .map((error) => {
      const where = error.instancePath === '' ? '/' : error.instancePath;
      const params: Record<string, unknown> = error.params;
      let message = error.message ?? error.keyword;
      if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
        message += ` "${params.additionalProperty}"`;
      } else if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
        message += `: ${params.allowedValues.map((value) => JSON.stringify(value)).join(', ')}`;
      }
      return `${where}: ${message}`;
    });
  return [...new Set(messages)];
}
