import { Secret } from './Secret.js';

/** Option names whose value is a secret when given literally. */
const secretOptions = new Set(['--token', '--key-passphrase', '--p12-passphrase']);

/**
 * The secrets written literally on a command line (`--token T`, `--token=T`, `--key-passphrase P`,
 * `--p12-passphrase P`), found before parsing so that not even a parse error can echo them.
 */
export function literalSecretArguments(args: readonly string[]): Secret[] {
  const secrets: Secret[] = [];
  for (const [index, arg] of args.entries()) {
    const [name, inline] = arg.split(/=(.*)/s, 2);
    if (name === undefined || !secretOptions.has(name)) continue;
    const value = inline ?? args[index + 1];
    // A passphrase given as env:NAME or file:PATH names where the secret is, not the secret.
    const reference = name !== '--token' && value !== undefined && /^(env|file):/.test(value);
    if (value !== undefined && !reference) secrets.push(new Secret(value, name));
  }
  return secrets;
}
