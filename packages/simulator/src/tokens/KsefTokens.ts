import { createHash, randomBytes } from 'node:crypto';
import type { Identifier } from '../auth/Principal.js';
import { ApiError } from '../http/ApiError.js';
import type { SimulatorServices } from '../SimulatorServices.js';
import type { KsefTokenRecord } from '../state/KsefTokenRecord.js';

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * KSeF tokens (`tokeny-ksef.md`). The secret has the spec example's shape
 * `{referenceNumber}|{contextType}-{contextValue}|{64 hex}`; only its hash is kept.
 */
export class KsefTokens {
  constructor(private readonly sim: SimulatorServices) {}

  /** Creates a token; the secret is returned once. `active` skips the Pending phase (seeding). */
  create(author: Identifier, context: Identifier, permissions: string[], description: string, active = false): { record: KsefTokenRecord; token: string } {
    const referenceNumber = this.sim.references.next('ksefToken');
    const token = `${referenceNumber}|${context.type.charAt(0).toLowerCase()}${context.type.slice(1)}-${context.value}|${randomBytes(32).toString('hex')}`;
    const pendingReads = active ? 0 : this.sim.config.tokenPendingReads;
    const record: KsefTokenRecord = {
      referenceNumber,
      secretHash: sha256Hex(token),
      author,
      context,
      description,
      permissions,
      createdAtMs: this.sim.clock.nowMs(),
      pendingReadsLeft: pendingReads,
      status: pendingReads > 0 ? 'Pending' : 'Active',
    };
    this.sim.state.ksefTokens[referenceNumber] = record;
    this.sim.changed();
    return { record, token };
  }

  /** The token whose secret is `token`, if any. */
  findBySecret(token: string): KsefTokenRecord | undefined {
    const record = this.sim.state.ksefTokens[token.split('|')[0] ?? ''];
    return record !== undefined && record.secretHash === sha256Hex(token) ? record : undefined;
  }

  /** The token `referenceNumber`, or 400 21405 (open-api.json lists no dedicated not-found code). */
  get(referenceNumber: string): KsefTokenRecord {
    const record = this.sim.state.ksefTokens[referenceNumber];
    if (record === undefined) throw ApiError.validation(`Token o numerze referencyjnym ${referenceNumber} nie istnieje.`);
    return record;
  }

  /** One status read: a token reads Pending `tokenPendingReads` times, then Active. */
  observe(record: KsefTokenRecord): void {
    if (record.status !== 'Pending') return;
    if (record.pendingReadsLeft > 0) record.pendingReadsLeft -= 1;
    else record.status = 'Active';
    this.sim.changed();
  }
}
