import { createHash } from 'node:crypto';

/** SHA-256 of `data`, standard Base64 with padding (open-api.json `Sha256HashBase64`, 44 chars). */
export function sha256Base64(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('base64');
}
