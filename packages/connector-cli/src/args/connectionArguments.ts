import { InvalidIdentifierError, ksefEnvironmentUrls, parseKsefEnvironmentName, parseNip, type KsefEnvironmentName, type Nip } from '@ksef-connect/core';
import { UsageError } from '../CliCommand.js';

/** How a command proves who it is, as given on the command line (secrets not read yet). */
export type CredentialArguments =
  | { readonly kind: 'token'; readonly token?: string | undefined; readonly tokenFile?: string | undefined }
  | { readonly kind: 'certificate'; readonly cert: string; readonly key: string; readonly keyPassphrase?: string | undefined }
  | { readonly kind: 'p12'; readonly p12: string; readonly p12Passphrase?: string | undefined };

/** Which KSeF to talk to: the environment whose rules apply, and the base URL when it is not the environment's own. */
export interface KsefTarget {
  readonly env: KsefEnvironmentName;
  readonly baseUrl?: string;
}

/** The target, the context NIP and the credentials: what every command talking to KSeF needs. */
export interface ConnectionArguments {
  readonly target: KsefTarget;
  readonly nip: Nip;
  readonly credentials: CredentialArguments;
}

/** The `parseCommandArgs` options behind {@link ConnectionArguments}: `--env`, `--base-url`, `--nip` and the credential options. */
export const connectionOptions = {
  env: { type: 'string' },
  'base-url': { type: 'string' },
  nip: { type: 'string' },
  token: { type: 'string' },
  'token-file': { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  'key-passphrase': { type: 'string' },
  p12: { type: 'string' },
  'p12-passphrase': { type: 'string' },
} as const;

/** The values of {@link connectionOptions} as parsed. */
export interface ConnectionOptionValues {
  readonly env?: string | undefined;
  readonly 'base-url'?: string | undefined;
  readonly nip?: string | undefined;
  readonly token?: string | undefined;
  readonly 'token-file'?: string | undefined;
  readonly cert?: string | undefined;
  readonly key?: string | undefined;
  readonly 'key-passphrase'?: string | undefined;
  readonly p12?: string | undefined;
  readonly 'p12-passphrase'?: string | undefined;
}

/** What the messages say the command does with KSeF, e.g. `send` and `the taxpayer you send for (the session context)`. */
export interface ConnectionPurpose {
  /** The verb in "say where to …". */
  readonly action: string;
  /** Who `--nip` names, after "the NIP of". */
  readonly nipRole: string;
}

/** Parses the target, `--nip` and the credential options; throws a UsageError saying what is wrong. */
export function parseConnectionArguments(values: ConnectionOptionValues, purpose: ConnectionPurpose): ConnectionArguments {
  if (values.nip === undefined) throw new UsageError(`--nip is required: the NIP of ${purpose.nipRole}`);
  const target = parseTarget(values.env, values['base-url'], purpose);
  return { target, nip: parseNipArgument(values.nip.trim(), target.env), credentials: parseCredentials(values) };
}

/**
 * `--nip`. KSeF checks NIP check digits on production only, and TEST hands out NIPs that fail them
 * (`faktury/weryfikacja-faktury.md`), so outside prod a wrong check digit is accepted. The value is
 * never quoted back: a token pasted into the wrong option must not end up on the screen.
 */
function parseNipArgument(value: string, env: KsefEnvironmentName): Nip {
  try {
    return parseNip(value);
  } catch (error) {
    if (env !== 'prod' && error instanceof InvalidIdentifierError && error.problem === 'checksum') return value as Nip;
    throw new UsageError(`--nip is not a valid NIP: ${error instanceof Error ? error.message : 'unreadable'}`);
  }
}

function parseTarget(envValue: string | undefined, baseUrl: string | undefined, purpose: ConnectionPurpose): KsefTarget {
  const env = envValue === undefined ? undefined : parseKsefEnvironmentName(envValue);
  if (envValue !== undefined && env === undefined) throw new UsageError(`unknown environment "${envValue}"; expected test, demo or prod`);
  if (baseUrl === undefined) {
    if (env === undefined) throw new UsageError(`say where to ${purpose.action}: --env test|demo|prod, or --base-url URL (e.g. a simulator)`);
    return { env };
  }
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError(`--base-url "${baseUrl}" is not a URL; expected e.g. http://127.0.0.1:8080/v2`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--base-url must be http:// or https://, got "${url.protocol}"`);
  const normalised = baseUrl.replace(/\/+$/, '');
  // A base URL alone gets TEST rules (FA(2) allowed, NIP check digits not enforced) unless it is
  // one of the Ministry's own URLs.
  const known = (Object.entries(ksefEnvironmentUrls) as [KsefEnvironmentName, string][]).find(([, u]) => u === normalised)?.[0];
  return { env: env ?? known ?? 'test', baseUrl: normalised };
}

function parseCredentials(values: ConnectionOptionValues): CredentialArguments {
  const tokenGiven = values.token !== undefined || values['token-file'] !== undefined;
  const certGiven = values.cert !== undefined || values.key !== undefined;
  const p12Given = values.p12 !== undefined;
  if ([tokenGiven, certGiven, p12Given].filter(Boolean).length > 1) {
    throw new UsageError('choose one way to authenticate: a KSeF token (--token-file, KSEF_TOKEN, --token), --cert with --key, or --p12');
  }
  if (values['key-passphrase'] !== undefined && !certGiven) throw new UsageError('--key-passphrase goes with --cert and --key');
  if (values['p12-passphrase'] !== undefined && !p12Given) throw new UsageError('--p12-passphrase goes with --p12');
  if (certGiven) {
    if (values.cert === undefined || values.key === undefined) throw new UsageError('--cert and --key go together: the PEM certificate and its PEM private key');
    return { kind: 'certificate', cert: values.cert, key: values.key, keyPassphrase: values['key-passphrase'] };
  }
  if (p12Given) return { kind: 'p12', p12: values.p12 ?? '', p12Passphrase: values['p12-passphrase'] };
  return { kind: 'token', token: values.token, tokenFile: values['token-file'] };
}
