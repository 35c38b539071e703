import { ApiError } from '../http/ApiError.js';

/** The `pageSize` query parameter within open-api.json's bounds (default 10); 21405 outside them. */
export function pageSize(query: URLSearchParams, min: number, max: number, fallback = 10): number {
  const raw = query.get('pageSize');
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw ApiError.validation(`The field pageSize must be between ${min} and ${max}.`);
  }
  return value;
}
