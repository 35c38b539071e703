import type { Principal } from '../auth/Principal.js';
import { ApiError } from '../http/ApiError.js';
import type { SimulatorServices } from '../SimulatorServices.js';
import type { InvoiceRecord } from '../state/InvoiceRecord.js';
import type { SessionRecord } from '../state/SessionRecord.js';

/** Permissions that see every session of the context, not only the caller's (ksef-api.md §6.1). */
const seeAll = ['Introspection', 'EnforcementOperations'];

/** Looks sessions and their invoices up for a caller; "not found" is 400 21173 / 21164, not 404. */
export class SessionRegistry {
  constructor(private readonly sim: SimulatorServices) {}

  /** Adds a new session. */
  add(session: SessionRecord): void {
    this.sim.state.sessions[session.referenceNumber] = session;
    this.sim.changed();
  }

  /** The session `referenceNumber` as `principal` may see it, or 21173. */
  get(referenceNumber: string, principal: Principal | undefined): SessionRecord {
    const session = this.sim.state.sessions[referenceNumber];
    if (session === undefined || principal === undefined || !this.visible(session, principal)) {
      throw ApiError.badRequest(21173, 'Brak sesji o wskazanym numerze referencyjnym.', [`Sesja o numerze referencyjnym ${referenceNumber} nie została znaleziona.`]);
    }
    return session;
  }

  /** The invoice `referenceNumber` of `session`, or 21164. */
  invoice(session: SessionRecord, referenceNumber: string): InvoiceRecord {
    const invoice = session.invoices.find((i) => i.referenceNumber === referenceNumber);
    if (invoice === undefined) {
      throw ApiError.badRequest(21164, 'Faktura o podanym identyfikatorze nie istnieje.', [`Faktura o numerze referencyjnym ${referenceNumber} nie została znaleziona w sesji ${session.referenceNumber}.`]);
    }
    return invoice;
  }

  /** Every session `principal` may see, newest first. */
  list(principal: Principal): SessionRecord[] {
    return Object.values(this.sim.state.sessions)
      .filter((s) => this.visible(s, principal))
      .sort((a, b) => b.createdAtMs - a.createdAtMs || b.referenceNumber.localeCompare(a.referenceNumber));
  }

  // Same context; with InvoiceWrite only, only sessions the same subject opened.
  private visible(session: SessionRecord, principal: Principal): boolean {
    const context = principal.context;
    if (context === undefined || session.context.type !== context.type || session.context.value !== context.value) return false;
    if (principal.permissions.some((p) => seeAll.includes(p))) return true;
    return session.subject === undefined || principal.subject === undefined || (session.subject.type === principal.subject.type && session.subject.value === principal.subject.value);
  }
}
