/** A source of cryptographically secure random bytes; `node:crypto` `randomBytes` by default. */
export type RandomBytes = (size: number) => Uint8Array;
