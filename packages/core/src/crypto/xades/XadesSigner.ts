/**
 * Signs an unsigned AuthTokenRequest and returns the signed document (enveloped XAdES-BES). Send
 * the returned string byte for byte: re-serialising it can break the signature.
 */
export interface XadesSigner {
  sign(unsignedXml: string): Promise<string>;
}
