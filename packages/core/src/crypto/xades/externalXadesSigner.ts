import { inspect } from 'node:util';
import type { XadesSigner } from './XadesSigner.js';

const xmldsigNamespace = 'http://www.w3.org/2000/09/xmldsig#';

/**
 * A signer backed by something outside this process — an HSM, a qualified-signature application,
 * a signing service. `sign` receives the unsigned AuthTokenRequest and must return it with an
 * enveloped or enveloping XAdES signature (auth/podpis-xades.md: detached is rejected by KSeF).
 */
export function externalXadesSigner(sign: (unsignedXml: string) => Promise<string>): XadesSigner {
  return {
    async sign(unsignedXml: string): Promise<string> {
      const signed = await sign(unsignedXml);
      // Cheap sanity check so a misconfigured hook fails here, not as KSeF error 9102 later.
      if (typeof signed !== 'string' || !signed.includes(xmldsigNamespace) || !/<([\w.-]+:)?Signature[\s>]/.test(signed)) {
        throw new Error('The external signer returned no XML signature (expected a ds:Signature in the returned AuthTokenRequest).');
      }
      return signed;
    },
    toJSON: () => '[redacted]',
    [inspect.custom]: () => 'XadesSigner (external) [redacted]',
  } as XadesSigner;
}
