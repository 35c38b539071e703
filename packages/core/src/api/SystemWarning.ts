/** A non-blocking warning KSeF attached to a response (`X-System-Warning`); log it, never fail on it. */
export interface SystemWarning {
  /** The operation whose response carried it. */
  readonly operation: string;
  readonly code: string;
  readonly message: string;
}

/**
 * Splits an `X-System-Warning` value, `[code]: message | [code]: message` (ksef-api.md §0). A value
 * not in that shape becomes one warning with an empty code, so nothing KSeF says is dropped.
 */
export function parseSystemWarnings(operation: string, value: string): SystemWarning[] {
  const warnings: SystemWarning[] = [];
  for (const match of value.matchAll(/\[([^\]]+)\]: ([^|]+)/g)) {
    warnings.push({ operation, code: (match[1] ?? '').trim(), message: (match[2] ?? '').trim() });
  }
  if (warnings.length === 0 && value.trim() !== '') warnings.push({ operation, code: '', message: value.trim() });
  return warnings;
}
