/** What an MF public key is for (open-api.json `PublicKeyCertificateUsage`). */
export type PublicKeyUsage = 'KsefTokenEncryption' | 'SymmetricKeyEncryption';

/** Both usages, in the order the simulator publishes them. */
export const publicKeyUsages: readonly PublicKeyUsage[] = ['KsefTokenEncryption', 'SymmetricKeyEncryption'];
