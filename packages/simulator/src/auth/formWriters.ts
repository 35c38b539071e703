import { ApiError } from '../http/ApiError.js';
import type { Principal } from './Principal.js';

/**
 * The permissions of which one lets a caller open, fill and close a session for a form: PEF
 * invoices are sent by Peppol providers with `PefInvoiceWrite` (api-changelog.md 2.0.0 RC5: "wysyłka
 * faktur wymaga uprawnienia `PefInvoiceWrite`"), every other form with `InvoiceWrite` or
 * `EnforcementOperations` (open-api.json `x-required-permissions` of the session routes).
 */
export function formWriters(formCode: { readonly value: string }): readonly string[] {
  return formCode.value === 'PEF' ? ['PefInvoiceWrite'] : ['InvoiceWrite', 'EnforcementOperations'];
}

/** 403 `missing-permissions` (as the auth layer answers) unless `principal` holds a writer permission for the form. */
export function requireFormWriter(formCode: { readonly systemCode: string; readonly value: string }, principal: Principal | undefined): void {
  const required = formWriters(formCode);
  const present = principal?.permissions ?? [];
  if (required.some((p) => present.includes(p))) return;
  throw ApiError.forbidden('missing-permissions', `Brak wymaganych uprawnień do wykonania operacji dla formularza ${formCode.systemCode}.`, {
    requiredAnyOfPermissions: required,
    presentPermissions: present,
  });
}
