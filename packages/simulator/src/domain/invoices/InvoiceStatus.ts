/** An invoice status as open-api.json `InvoiceStatusInfo` carries it. */
export interface InvoiceStatus {
  code: number;
  description: string;
  details?: string[];
  extensions?: Record<string, string | null>;
}

/**
 * The invoice status codes and their exact descriptions (open-api.json
 * `SessionInvoiceStatusResponse.status` table; ksef-api.md §6.4).
 */
export const invoiceStatusDescriptions = {
  100: 'Faktura przyjęta do dalszego przetwarzania',
  150: 'Trwa przetwarzanie',
  200: 'Sukces',
  405: 'Przetwarzanie anulowane z powodu błędu sesji',
  410: 'Nieprawidłowy zakres uprawnień',
  415: 'Brak możliwości wysyłania faktury z załącznikiem',
  430: 'Błąd weryfikacji pliku faktury',
  435: 'Błąd odszyfrowania pliku',
  440: 'Duplikat faktury',
  450: 'Błąd weryfikacji semantyki dokumentu faktury',
  500: 'Nieznany błąd ({statusCode})',
  550: 'Operacja została anulowana przez system',
} as const;

/** A code from {@link invoiceStatusDescriptions}. */
export type InvoiceStatusCode = keyof typeof invoiceStatusDescriptions;

/** Builds an invoice status with the documented description for `code`. */
export function invoiceStatus(code: InvoiceStatusCode, details?: readonly string[], extensions?: Record<string, string | null>): InvoiceStatus {
  return {
    code,
    description: invoiceStatusDescriptions[code],
    ...(details && details.length > 0 ? { details: [...details] } : {}),
    ...(extensions ? { extensions } : {}),
  };
}
