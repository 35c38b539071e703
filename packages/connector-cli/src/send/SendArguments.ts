import { InvalidIdentifierError, ksefEnvironmentUrls, parseKsefEnvironmentName, parseNip, type KsefEnvironmentName, type Nip } from '@ksef-connect/core';
import { parseCommandArgs } from '../args/parseCommandArgs.js';
import { UsageError } from '../CliCommand.js';

/** How `ksef send` proves who it is, as given on the command line (secrets not read yet). */
export type CredentialArguments =
  | { readonly kind: 'token'; readonly token?: string | undefined; readonly tokenFile?: string | undefined }
  | { readonly kind: 'certificate'; readonly cert: string; readonly key: string; readonly keyPassphrase?: string | undefined }
  | { readonly kind: 'p12'; readonly p12: string; readonly p12Passphrase?: string | undefined };

/** Where to send: the environment whose rules apply, and the base URL when it is not the environment's own. */
export interface SendTarget {
  readonly env: KsefEnvironmentName;
  readonly baseUrl?: string;
}

/** The parsed command line of `ksef send`. */
export interface SendArguments {
  /** Files and folders, as the user wrote them. */
  readonly paths: readonly string[];
  readonly target: SendTarget;
  readonly nip: Nip;
  readonly credentials: CredentialArguments;
  readonly upoDir: string | undefined;
  readonly waitTimeoutMs: number;
  readonly json: boolean;
  /** `--batch` or `--online` (the default). */
  readonly transport: 'online' | 'batch';
  /** `--compression zip|tar.gz` (batch only; default zip). */
  readonly compression: 'Zip' | 'TarGz';
}

/** The default of `--wait-timeout`, in seconds. */
export const defaultWaitTimeoutSeconds = 120;

/** Parses `ksef send`'s arguments; throws a UsageError saying what is wrong. */
export function parseSendArguments(args: readonly string[]): SendArguments {
  const { values, positionals } = parseCommandArgs(args, {
    allowPositionals: true,
    options: {
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
      'upo-dir': { type: 'string' },
      'wait-timeout': { type: 'string' },
      json: { type: 'boolean' },
      batch: { type: 'boolean' },
      online: { type: 'boolean' },
      compression: { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new UsageError('give at least one invoice file or folder to send');
  if (values.nip === undefined) throw new UsageError('--nip is required: the NIP of the taxpayer you send for (the session context)');
  const target = parseTarget(values.env, values['base-url']);
  return {
    paths: positionals,
    target,
    nip: parseNipArgument(values.nip.trim(), target.env),
    credentials: parseCredentials(values),
    upoDir: values['upo-dir'],
    waitTimeoutMs: parseWaitTimeout(values['wait-timeout']) * 1000,
    json: values.json === true,
    ...parseTransport(values.batch === true, values.online === true, values.compression),
  };
}

function parseTransport(batch: boolean, online: boolean, compression: string | undefined): Pick<SendArguments, 'transport' | 'compression'> {
  if (batch && online) throw new UsageError('choose one of --batch and --online');
  if (compression !== undefined && !batch) throw new UsageError('--compression goes with --batch');
  const compressions: Record<string, 'Zip' | 'TarGz'> = { zip: 'Zip', 'tar.gz': 'TarGz' };
  const chosen = compressions[(compression ?? 'zip').toLowerCase()];
  if (chosen === undefined) throw new UsageError(`--compression must be zip or tar.gz, got "${compression}"`);
  return { transport: batch ? 'batch' : 'online', compression: chosen };
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

function parseTarget(envValue: string | undefined, baseUrl: string | undefined): SendTarget {
  const env = envValue === undefined ? undefined : parseKsefEnvironmentName(envValue);
  if (envValue !== undefined && env === undefined) throw new UsageError(`unknown environment "${envValue}"; expected test, demo or prod`);
  if (baseUrl === undefined) {
    if (env === undefined) throw new UsageError('say where to send: --env test|demo|prod, or --base-url URL (e.g. a simulator)');
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

function parseCredentials(values: {
  token?: string | undefined; 'token-file'?: string | undefined; cert?: string | undefined; key?: string | undefined;
  'key-passphrase'?: string | undefined; p12?: string | undefined; 'p12-passphrase'?: string | undefined;
}): CredentialArguments {
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

function parseWaitTimeout(value: string | undefined): number {
  if (value === undefined) return defaultWaitTimeoutSeconds;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) throw new UsageError(`--wait-timeout must be a number of seconds ≥ 0, got "${value}"`);
  return seconds;
}
