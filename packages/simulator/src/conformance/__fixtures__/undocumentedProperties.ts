// Test-only: open-api.json leaves `additionalProperties` open everywhere, so a schema check accepts
// fields the API does not have. The simulator must answer "exactly as open-api.json says", so the tour
// also lists every JSON property its messages carry that the operation's schema does not name.
import { readFileSync } from 'node:fs';
import { openApiPath } from '@ksef-connect/spec';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

const document: unknown = JSON.parse(readFileSync(openApiPath, 'utf8'));

/** Follows local `$ref`s (`#/components/...`). */
function resolve(node: unknown): JsonObject | undefined {
  let current = node;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 20; hops += 1) {
    const pointer = current.$ref.replace(/^#\//, '').split('/');
    current = pointer.reduce<unknown>((at, part) => (isObject(at) ? at[part] : undefined), document);
  }
  return isObject(current) ? current : undefined;
}

/** The schemas a value may match, with `allOf` merged into its parent and `oneOf`/`anyOf` as alternatives. */
function alternatives(schema: JsonObject | undefined): JsonObject[] {
  if (schema === undefined) return [];
  const union = [...(Array.isArray(schema.oneOf) ? schema.oneOf : []), ...(Array.isArray(schema.anyOf) ? schema.anyOf : [])];
  if (union.length > 0) return union.flatMap((s) => alternatives(resolve(s)));
  if (!Array.isArray(schema.allOf)) return [schema];
  const parts = schema.allOf.map((s) => resolve(s)).filter((s): s is JsonObject => s !== undefined);
  const merged: JsonObject = { ...schema, allOf: undefined, properties: { ...(isObject(schema.properties) ? schema.properties : {}) } };
  for (const part of parts.flatMap((p) => alternatives(p))) {
    Object.assign(merged.properties as JsonObject, isObject(part.properties) ? part.properties : {});
    if (part.additionalProperties !== undefined) merged.additionalProperties = part.additionalProperties;
    if (part.items !== undefined) merged.items = part.items;
  }
  return [merged];
}

function walk(schema: JsonObject | undefined, value: unknown, where: string): string[] {
  const options = alternatives(schema);
  if (options.length === 0) return [];
  // With alternatives, the value needs to fit one of them without extras.
  let best: string[] | undefined;
  for (const option of options) {
    const found = walkOne(option, value, where);
    if (found.length === 0) return [];
    if (best === undefined || found.length < best.length) best = found;
  }
  return best ?? [];
}

function walkOne(schema: JsonObject, value: unknown, where: string): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => walk(resolve(schema.items), item, `${where}/${index}`));
  }
  if (!isObject(value)) return [];
  const properties = isObject(schema.properties) ? schema.properties : undefined;
  const additional = schema.additionalProperties;
  if (properties === undefined && additional === undefined) return []; // a free-form object
  const found: string[] = [];
  for (const [name, item] of Object.entries(value)) {
    const declared = properties?.[name];
    if (declared !== undefined) found.push(...walk(resolve(declared), item, `${where}/${name}`));
    else if (isObject(additional)) found.push(...walk(resolve(additional), item, `${where}/${name}`));
    else if (additional !== true) found.push(`${where}/${name}`);
  }
  return found;
}

function operation(method: string, template: string): JsonObject | undefined {
  const paths = isObject(document) ? document.paths : undefined;
  const item = isObject(paths) ? paths[template] : undefined;
  const op = isObject(item) ? item[method.toLowerCase()] : undefined;
  return isObject(op) ? op : undefined;
}

function mediaSchema(content: unknown, contentType: string): JsonObject | undefined {
  if (!isObject(content)) return undefined;
  const entry = Object.entries(content).find(([type]) => type.split(';')[0]?.trim().toLowerCase() === contentType);
  return entry === undefined || !isObject(entry[1]) ? undefined : resolve(entry[1].schema);
}

/** JSON pointers of properties in a response body that the documented schema of that status does not declare. */
export function undocumentedResponseProperties(method: string, template: string, status: number, contentType: string, body: unknown): string[] {
  const responses = operation(method, template)?.responses;
  if (!isObject(responses)) return [];
  const key = [String(status), `${String(status).charAt(0)}XX`, 'default'].find((k) => k in responses);
  const response = key === undefined ? undefined : resolve(responses[key]);
  return walk(mediaSchema(response?.content, contentType), body, '');
}

/** JSON pointers of properties in a JSON request body that the documented request schema does not declare. */
export function undocumentedRequestProperties(method: string, template: string, body: unknown): string[] {
  const requestBody = resolve(operation(method, template)?.requestBody);
  return walk(mediaSchema(requestBody?.content, 'application/json'), body, '');
}
