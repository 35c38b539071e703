/**
 * Translation of the OpenAPI 3.0 schema dialect (open-api.json declares 3.0.4) into the JSON Schema
 * draft-07 that ajv validates. OpenAPI 3.0 is a dialect, not JSON Schema: `nullable`, `readOnly`
 * required-ness, `example`, `discriminator` and `x-*` mean nothing to ajv (or make strict mode throw),
 * and `$ref`s point into `#/components/schemas`.
 */

/** Which message the schema describes; `readOnly` properties are only required in responses, `writeOnly` only in requests (OpenAPI 3.0.4 §4.8.24.1). */
export type SchemaDirection = 'request' | 'response';

type JsonObject = { [key: string]: unknown };

const componentPrefix = '#/components/schemas/';

/** Keywords that only annotate; dropped so ajv's strict mode sees a clean draft-07 schema. */
const annotations = new Set(['example', 'examples', 'description', 'title', 'deprecated', 'default', 'xml', 'externalDocs', 'discriminator']);

/** Keywords whose value is a map of name → schema. */
const schemaMaps = new Set(['properties', 'patternProperties', 'definitions']);

/** Keywords whose value is one schema. */
const singleSchemas = new Set(['items', 'additionalProperties', 'not']);

/** Keywords whose value is a list of schemas. */
const schemaLists = new Set(['allOf', 'anyOf', 'oneOf']);

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Context of one translation: the components it resolves `$ref`s against and where they will live in ajv. */
export interface TranslationContext {
  /** `components.schemas` of the OpenAPI document (untranslated). */
  readonly components: Readonly<Record<string, unknown>>;
  readonly direction: SchemaDirection;
  /** The `$id` under which the translated components are registered (`<id>#/definitions/Name`). */
  readonly componentsId: string;
}

/**
 * Translates one OpenAPI 3.0 schema object into draft-07 for ajv: `$ref`s are pointed at the
 * registered components, `nullable` becomes "null or the schema", `readOnly` (in requests) and
 * `writeOnly` (in responses) properties leave `required`, boolean `exclusiveMinimum/Maximum` become
 * numbers, annotations and `x-*` extensions go. `discriminator` is dropped: it is only a hint,
 * the `oneOf` it decorates still decides.
 */
export function toJsonSchema(schema: unknown, context: TranslationContext): unknown {
  if (!isObject(schema)) {
    return schema;
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-') || annotations.has(key) || key === 'nullable') {
      continue;
    }
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.startsWith(componentPrefix)
        ? `${context.componentsId}#/definitions/${value.slice(componentPrefix.length)}`
        : value;
    } else if (schemaMaps.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, toJsonSchema(sub, context)]));
    } else if (singleSchemas.has(key) && isObject(value)) {
      out[key] = toJsonSchema(value, context);
    } else if (schemaLists.has(key) && Array.isArray(value)) {
      out[key] = value.map((sub) => toJsonSchema(sub, context));
    } else if (key === 'required' && Array.isArray(value)) {
      const skipped = context.direction === 'request' ? 'readOnly' : 'writeOnly';
      out.required = value.filter((name) => typeof name !== 'string' || !propertyFlag(schema, name, skipped, context, new Set()));
    } else if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') {
      // OpenAPI 3.0 (draft-04 style) flags; draft-07 wants the bound itself.
      const bound = schema[key === 'exclusiveMinimum' ? 'minimum' : 'maximum'];
      if (value && typeof bound === 'number') {
        out[key] = bound;
      }
    } else if (key === 'readOnly' || key === 'writeOnly') {
      // Annotations for ajv; their effect is on `required`, handled above.
      continue;
    } else {
      out[key] = value;
    }
  }
  // An exclusive bound replaces the inclusive one it was a flag on.
  if (schema.exclusiveMinimum === true) delete out.minimum;
  if (schema.exclusiveMaximum === true) delete out.maximum;
  if (schema.nullable === true) {
    // `if null then accept, else the schema`: unlike `anyOf`, ajv then reports only the errors of
    // the real schema (the `if` error is filtered out when messages are built).
    return { if: { type: 'null' }, else: out };
  }
  return out;
}

/** Whether `name` is a property of `schema` (directly, through `allOf` or a `$ref`) marked with `flag`. */
function propertyFlag(schema: JsonObject, name: string, flag: 'readOnly' | 'writeOnly', context: TranslationContext, seen: Set<unknown>): boolean {
  if (seen.has(schema)) {
    return false;
  }
  seen.add(schema);
  const properties = schema.properties;
  if (isObject(properties)) {
    const property = properties[name];
    if (isObject(property) && property[flag] === true) {
      return true;
    }
  }
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith(componentPrefix)) {
    const target = context.components[ref.slice(componentPrefix.length)];
    if (isObject(target) && propertyFlag(target, name, flag, context, seen)) {
      return true;
    }
  }
  const allOf = schema.allOf;
  return Array.isArray(allOf) && allOf.some((sub) => isObject(sub) && propertyFlag(sub, name, flag, context, seen));
}
