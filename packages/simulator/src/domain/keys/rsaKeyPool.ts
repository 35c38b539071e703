import { generateKeyPairSync, type KeyObject } from 'node:crypto';

/** An RSA-2048 key pair as node:crypto key objects. */
export interface RsaKeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

// Generating RSA-2048 keys takes a noticeable fraction of a second; tests start many simulators in
// one process, so pairs are generated once per index and shared. A simulator's keys protect nothing
// real, so sharing them between simulator instances in one process is harmless.
const pool: RsaKeyPair[] = [];

/** The `index`-th process-wide RSA-2048 key pair, generated on first use. */
export function pooledRsaKeyPair(index: number): RsaKeyPair {
  while (pool.length <= index) pool.push(freshRsaKeyPair());
  const pair = pool[index];
  if (pair === undefined) throw new Error(`RSA key pool has no entry ${index}`);
  return pair;
}

/** A newly generated RSA-2048 key pair that is not shared. */
export function freshRsaKeyPair(): RsaKeyPair {
  return generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
}
