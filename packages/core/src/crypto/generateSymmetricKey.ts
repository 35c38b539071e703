import { randomBytes } from 'node:crypto';
import type { RandomBytes } from './RandomBytes.js';
import { SymmetricKey } from './SymmetricKey.js';

/** A fresh random AES-256 key and 16-byte IV (one pair per session or export is recommended). */
export function generateSymmetricKey(random: RandomBytes = randomBytes): SymmetricKey {
  return new SymmetricKey(random(SymmetricKey.keyLength), random(SymmetricKey.ivLength));
}
