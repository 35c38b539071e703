import type { PublicKeyUsage } from '../domain/keys/PublicKeyUsage.js';
import { rateLimitProfile, type RateLimitProfileName } from '../domain/limits/rateLimitProfiles.js';
import type { Fault, FaultRequest } from '../faults/Fault.js';
import { processBatchSession } from '../sessions/BatchProcessing.js';
import { isInvoiceFinal, SessionProcessing } from '../sessions/SessionProcessing.js';
import type { SimulatorServices } from '../SimulatorServices.js';
import { KsefTokens } from '../tokens/KsefTokens.js';

/** Every permission a KSeF token may carry (open-api.json `TokenPermissionType`). */
export const allTokenPermissions: readonly string[] = ['InvoiceRead', 'InvoiceWrite', 'CredentialsRead', 'CredentialsManage', 'SubunitManage', 'EnforcementOperations', 'Introspection'];

/**
 * Test-only levers of a running simulator: the clock, fault injection, session expiry and processing, key rotation,
 * rate-limit profile and seeding of tokens and permissions. The same operations are served over HTTP
 * under `/_simulator/` (routes/control).
 */
export class SimulatorControl {
  private readonly tokens: KsefTokens;
  private readonly processing: SessionProcessing;

  constructor(private readonly sim: SimulatorServices) {
    this.tokens = new KsefTokens(sim);
    this.processing = new SessionProcessing(sim);
  }

  /** The simulator's current time. */
  now(): Date {
    return this.sim.clock.now();
  }

  /** Moves the clock forward by `ms` (challenges, sessions, tokens and URLs expire accordingly). */
  advanceClock(ms: number): Date {
    return this.sim.clock.advance(ms);
  }

  /** Sets the clock to `date`. */
  setClock(date: Date | string | number): Date {
    return this.sim.clock.set(date);
  }

  /** Queues a fault for the next call(s) of an operation (see {@link Fault}). */
  injectFault(fault: FaultRequest): void {
    this.sim.faults.add({ ...fault, times: fault.times ?? 1 } as Fault);
  }

  /** Removes every queued fault. */
  clearFaults(): void {
    this.sim.faults.clear();
  }

  /** Faults still queued. */
  pendingFaults(): readonly Fault[] {
    return this.sim.faults.pending();
  }

  /** Ends a session's 12-hour lifetime now: it closes at its next status read (ksef-api.md §4.1). */
  expireSession(referenceNumber: string): void {
    const session = this.sim.state.sessions[referenceNumber];
    if (session === undefined) throw new RangeError(`No session ${referenceNumber}`);
    session.validUntilMs = this.sim.clock.nowMs();
    this.sim.changed();
  }

  /**
   * Ends a session's processing now, however many reads `readsPerStage` still asks for: its pending
   * invoices get their outcome (KSeF number and UPO, or a rejection), and a closed session (online
   * 170, batch 150) its final status and session UPO. An open session stays open. Lets a test run
   * with slow processing (a client that gives up waiting) and then look the outcome up later.
   */
  finishProcessing(referenceNumber: string): void {
    const session = this.sim.state.sessions[referenceNumber];
    if (session === undefined) throw new RangeError(`No session ${referenceNumber}`);
    if (session.kind === 'Batch') {
      if (session.status.code === 150) processBatchSession(this.sim, session);
    } else if (session.status.code === 170) {
      this.processing.finishSession(session);
    } else {
      for (const invoice of session.invoices) if (!isInvoiceFinal(invoice)) this.processing.finishInvoice(session, invoice);
    }
    this.sim.changed();
  }

  /** Publishes a new key for `usage`; `emergency` withdraws the old one at once (its id → 21470). */
  async rotateKeys(usage: PublicKeyUsage, options: { emergency?: boolean; graceMs?: number } = {}): Promise<{ publicKeyId: string }> {
    const key = await this.sim.keys.rotate(usage, options);
    this.sim.changed(); // a dataDir keeps the new key
    return { publicKeyId: key.publicKeyId };
  }

  /** Switches the rate-limit profile (`prd`, `relaxed`, `off`) and forgets the counters. */
  setRateLimits(profile: RateLimitProfileName): void {
    this.sim.limiter.setProfile(rateLimitProfile(profile));
    this.sim.limiter.reset();
  }

  /** Creates an active KSeF token for `nip` (its own NIP context unless `contextNip` is given). */
  createKsefToken(options: { nip: string; contextNip?: string; permissions?: readonly string[]; description?: string }): { referenceNumber: string; token: string } {
    const { record, token } = this.tokens.create(
      { type: 'Nip', value: options.nip },
      { type: 'Nip', value: options.contextNip ?? options.nip },
      [...(options.permissions ?? allTokenPermissions)],
      options.description ?? 'Token utworzony przez symulator',
      true,
    );
    return { referenceNumber: record.referenceNumber, token };
  }

  /** Grants `permissions` to a subject in a context, e.g. so a PESEL can act for a company NIP. */
  grantPermissions(grant: { context: { type: string; value: string }; subject: { type: string; value: string }; permissions: readonly string[] }): void {
    this.sim.state.grants.push({ context: grant.context, subject: grant.subject, permissions: [...grant.permissions] });
    this.sim.changed();
  }
}
