import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createXadesSigner, loadPkcs12, type AuthCredentials } from '@ksef-connect/core';
import { UsageError } from '../CliCommand.js';
import type { CliIo } from '../CliIo.js';
import { readSecretArgument } from '../secrets/readSecretArgument.js';
import { resolveKsefToken } from '../secrets/resolveKsefToken.js';
import type { Secret } from '../secrets/Secret.js';
import type { CredentialArguments } from '../args/connectionArguments.js';

/** The credentials for the KSeF client, and every secret read on the way (for output redaction). */
export interface LoadedCredentials {
  readonly credentials: AuthCredentials;
  /** How we authenticate, safe to print: `KSeF token from KSEF_TOKEN`, `certificate cert.pem`. */
  readonly description: string;
  /** Where the token or certificate came from, safe to print: `--token-file token.txt`, `KSEF_TOKEN`, `--cert seal.pem`, `--p12 seal.p12`. */
  readonly source: string;
  /** The signing certificate (public), for XAdES credentials. */
  readonly certificatePem?: string;
}

/**
 * Reads the secrets named on the command line and builds the client's credentials: a KSeF token,
 * or a XAdES signer from PEM certificate + key or a PKCS#12 file. Each secret is passed to
 * `remember` as soon as it is read, so output redaction covers it even if a later step fails.
 * Certificate problems surface as core's `CredentialsError` before anything is sent.
 */
export async function loadAuthCredentials(args: CredentialArguments, io: CliIo, remember: (secret: Secret) => void): Promise<LoadedCredentials> {
  let stdinOwner: string | undefined;
  const claimStdin = (option: string): void => {
    if (stdinOwner !== undefined) throw new UsageError(`${option} and ${stdinOwner} cannot both read standard input`);
    stdinOwner = option;
  };
  const passphrase = async (value: string | undefined, option: string): Promise<string | undefined> => {
    if (value === undefined) return undefined;
    const secret = await readSecretArgument(value, { option, io, claimStdin });
    remember(secret);
    return secret.reveal();
  };

  if (args.kind === 'certificate') {
    const [certificatePem, privateKeyPem] = await Promise.all([readInput(args.cert, '--cert', io), readInput(args.key, '--key', io)]);
    const keyPassphrase = await passphrase(args.keyPassphrase, '--key-passphrase');
    const signer = createXadesSigner({ certificatePem: certificatePem.toString('utf8'), privateKeyPem: privateKeyPem.toString('utf8'), ...(keyPassphrase !== undefined && { passphrase: keyPassphrase }) });
    return { credentials: { signer }, description: `XAdES signature with certificate ${args.cert}`, source: `--cert ${args.cert}`, certificatePem: certificatePem.toString('utf8') };
  }
  if (args.kind === 'p12') {
    const bytes = await readInput(args.p12, '--p12', io);
    // `openssl pkcs12 -export -passout pass:` makes files with an empty passphrase.
    const p12Passphrase = (await passphrase(args.p12Passphrase, '--p12-passphrase')) ?? '';
    const loaded = loadPkcs12(bytes, p12Passphrase);
    const signer = createXadesSigner({ certificatePem: loaded.certificatePem, privateKeyPem: loaded.privateKeyPem });
    return { credentials: { signer }, description: `XAdES signature with PKCS#12 ${args.p12}`, source: `--p12 ${args.p12}`, certificatePem: loaded.certificatePem };
  }
  const token = await resolveKsefToken(args, io, claimStdin);
  if (token === undefined) {
    throw new UsageError('no credentials: give a KSeF token (KSEF_TOKEN=… or --token-file FILE, - for stdin), or --cert CERT.pem --key KEY.pem, or --p12 FILE.p12');
  }
  remember(token);
  return { credentials: { ksefToken: token.reveal() }, description: `KSeF token from ${token.source}`, source: token.source };
}

async function readInput(file: string, option: string, io: CliIo): Promise<Buffer> {
  try {
    return await readFile(path.resolve(io.cwd, file));
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unreadable';
    throw new UsageError(`${option}: cannot read ${file} (${code === 'ENOENT' ? 'no such file' : code})`);
  }
}
