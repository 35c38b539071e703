import { ApiError } from './ApiError.js';
import type { RouteContext } from './RouteContext.js';

/** A JSON object read from the request body; 21405 when the body is not a JSON object. */
export function requestJson(ctx: Pick<RouteContext, 'body'>): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(ctx.body.toString('utf8'));
  } catch {
    throw ApiError.validation('Treść żądania nie jest poprawnym dokumentem JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw ApiError.validation('Treść żądania musi być obiektem JSON.');
  return value as Record<string, unknown>;
}

/** A required string property; 21405 naming the property otherwise. */
export function requiredString(body: Record<string, unknown>, name: string, path = name): string {
  const value = body[name];
  if (typeof value !== 'string' || value.length === 0) throw ApiError.validation(`The ${path} field is required.`);
  return value;
}

/** A required object property; 21405 naming the property otherwise. */
export function requiredObject(body: Record<string, unknown>, name: string, path = name): Record<string, unknown> {
  const value = body[name];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw ApiError.validation(`The ${path} field is required.`);
  return value as Record<string, unknown>;
}

/** An optional string property (absent or null → undefined); 21405 when it has another type. */
export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw ApiError.validation(`The ${name} field must be a string.`);
  return value;
}
