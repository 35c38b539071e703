/** A session status as open-api.json `StatusInfo` carries it. */
export interface SessionStatus {
  code: number;
  description: string;
  details?: string[];
}

/** Batch session status descriptions (open-api.json `SessionStatusResponse.status`, "Sesja wsadowa"). */
export const batchSessionStatusDescriptions = {
  100: 'Sesja wsadowa rozpoczęta',
  150: 'Trwa przetwarzanie',
  200: 'Sesja wsadowa przetworzona pomyślnie',
  405: 'Błąd weryfikacji poprawności dostarczonych elementów paczki',
  415: 'Błąd odszyfrowania dostarczonego klucza',
  420: 'Przekroczony limit faktur w sesji',
  430: 'Błąd dekompresji pierwotnego archiwum',
  435: 'Błąd odszyfrowania zaszyfrowanych części archiwum',
  440: 'Sesja anulowana',
  445: 'Błąd weryfikacji, brak poprawnych faktur',
  500: 'Nieznany błąd ({statusCode})',
} as const;

/** Online session status descriptions (open-api.json `SessionStatusResponse.status`, "Sesja interaktywna"). */
export const onlineSessionStatusDescriptions = {
  100: 'Sesja interaktywna otwarta',
  170: 'Sesja interaktywna zamknięta',
  200: 'Sesja interaktywna przetworzona pomyślnie',
  415: 'Błąd odszyfrowania dostarczonego klucza',
  440: 'Sesja anulowana',
  445: 'Błąd weryfikacji, brak poprawnych faktur',
} as const;

/** The documented details of the two 440 "Sesja anulowana" cases. */
export const sessionCancelledDetails = {
  uploadTimeExceeded: 'Przekroczono czas wysyłki',
  noInvoices: 'Nie przesłano faktur',
} as const;

/** A batch session status with its documented description (500 has its own, {@link batchSessionUnknownError}). */
export function batchSessionStatus(code: Exclude<keyof typeof batchSessionStatusDescriptions, 500>, details?: readonly string[]): SessionStatus {
  return { code, description: batchSessionStatusDescriptions[code], ...(details && details.length > 0 ? { details: [...details] } : {}) };
}

/** The batch session status 500 "Nieznany błąd ({statusCode})" with `statusCode` filled in. */
export function batchSessionUnknownError(statusCode: number): SessionStatus {
  return { code: 500, description: batchSessionStatusDescriptions[500].replace('{statusCode}', String(statusCode)) };
}

/** An online session status with its documented description. */
export function onlineSessionStatus(code: keyof typeof onlineSessionStatusDescriptions, details?: readonly string[]): SessionStatus {
  return { code, description: onlineSessionStatusDescriptions[code], ...(details && details.length > 0 ? { details: [...details] } : {}) };
}
