/** The @peculiar/x509 module. */
export type X509Module = typeof import('@peculiar/x509');

let loaded: Promise<X509Module> | undefined;

/**
 * Loads @peculiar/x509 (and reflect-metadata, whose global Reflect API it reads) once, on first
 * use: ~0.3 s of start-up that only certificate work needs, not a token-authenticated send.
 */
export function loadX509(): Promise<X509Module> {
  loaded ??= import('reflect-metadata').then(() => import('@peculiar/x509'));
  return loaded;
}
