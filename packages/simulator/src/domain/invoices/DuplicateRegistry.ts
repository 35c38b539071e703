/** KSeF's duplicate key: seller NIP, invoice kind and invoice number (`faktury/weryfikacja-faktury.md`). */
export interface DuplicateKey {
  readonly sellerNip: string;
  readonly invoiceKind: string;
  readonly invoiceNumber: string;
}

/** Where the accepted original of a key lives. */
export interface OriginalInvoice {
  readonly ksefNumber: string;
  readonly sessionReferenceNumber: string;
}

/**
 * The accepted invoices by duplicate key, across all sessions and contexts — the check is global
 * (`faktury/weryfikacja-faktury.md` "Unikalność faktury"). The invoice number is compared as given.
 */
export class DuplicateRegistry {
  /**
   * `store` is the plain record the entries live in (e.g. `SimulatorState.acceptedInvoices`, so a
   * snapshot keeps them), keyed `sellerNip|kind|number`. NIP and kind never contain `|`, so the key
   * splits back unambiguously even when the invoice number does.
   */
  constructor(private readonly store: Record<string, OriginalInvoice> = {}) {}

  /** The original already accepted under `key`, if any. */
  find(key: DuplicateKey): OriginalInvoice | undefined {
    return this.store[DuplicateRegistry.id(key)];
  }

  /**
   * Records `original` under `key` unless the key is taken; returns the earlier original when it is
   * (check and record in one step, so two invoices processed together cannot both win).
   */
  claim(key: DuplicateKey, original: OriginalInvoice): OriginalInvoice | undefined {
    const id = DuplicateRegistry.id(key);
    const existing = this.store[id];
    if (existing) return existing;
    this.store[id] = original;
    return undefined;
  }

  /** Every registered key with its original (for persistence). */
  entries(): Array<[DuplicateKey, OriginalInvoice]> {
    return Object.entries(this.store).map(([id, original]) => {
      const first = id.indexOf('|');
      const second = id.indexOf('|', first + 1);
      return [{ sellerNip: id.slice(0, first), invoiceKind: id.slice(first + 1, second), invoiceNumber: id.slice(second + 1) }, original];
    });
  }

  /** How many keys are registered. */
  get size(): number {
    return Object.keys(this.store).length;
  }

  private static id(key: DuplicateKey): string {
    return `${key.sellerNip}|${key.invoiceKind}|${key.invoiceNumber}`;
  }
}
