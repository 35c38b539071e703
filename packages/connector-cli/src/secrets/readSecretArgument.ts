import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../CliCommand.js';
import type { CliIo } from '../CliIo.js';
import { Secret } from './Secret.js';

/** What `readSecretArgument` needs besides the value: the option's name and a stdin guard. */
export interface SecretArgumentContext {
  /** The option the value came from, e.g. `--key-passphrase`, for messages. */
  readonly option: string;
  readonly io: CliIo;
  /** Claims standard input; throws a UsageError when another option already reads it. */
  readonly claimStdin: (option: string) => void;
}

/**
 * Reads a passphrase-style option in the forms OpenSSL users know: `env:NAME` (an environment
 * variable), `file:PATH` (first line of a file; `file:-` is standard input), `pass:VALUE`, or the
 * value itself. The last two sit in the process list (`ps`), so they earn a hint on stderr.
 */
export async function readSecretArgument(value: string, context: SecretArgumentContext): Promise<Secret> {
  const { option, io } = context;
  if (value.startsWith('env:')) {
    const name = value.slice(4);
    const found = io.env[name];
    if (name === '' || found === undefined) throw new UsageError(`${option} env:${name}: the environment variable ${name || '(empty name)'} is not set`);
    return new Secret(found, `${option} env:${name}`);
  }
  if (value.startsWith('file:')) {
    const file = value.slice(5);
    const content = await readSecretFile(file, option, context);
    return new Secret(firstLine(content), `${option} file:${file}`);
  }
  io.stderr(`ksef: hint: a ${option} value on the command line is visible to other users in the process list; use ${option} env:NAME or file:PATH instead.\n`);
  return new Secret(value.startsWith('pass:') ? value.slice(5) : value, option);
}

/** Reads a secret file (`-` = standard input) as UTF-8; errors name the file, never the content. */
export async function readSecretFile(file: string, option: string, context: Pick<SecretArgumentContext, 'io' | 'claimStdin'>): Promise<string> {
  if (file === '-') {
    context.claimStdin(option);
    return (await context.io.readStdin()).toString('utf8');
  }
  try {
    return await readFile(path.resolve(context.io.cwd, file), 'utf8');
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unreadable';
    throw new UsageError(`${option}: cannot read ${file} (${code === 'ENOENT' ? 'no such file' : code})`);
  }
}

/** The first line without its line ending (files written by `echo` end with a newline). */
function firstLine(content: string): string {
  return (content.split(/\r?\n/, 1)[0] ?? '').trim();
}
