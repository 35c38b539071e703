import { connectionOptions, parseConnectionArguments, type ConnectionArguments } from '../args/connectionArguments.js';
import { parseCommandArgs } from '../args/parseCommandArgs.js';
import { parseWaitTimeout } from '../args/parseWaitTimeout.js';
import { parseReferenceArgument } from '../args/parseIdentifierArgument.js';
import { UsageError } from '../CliCommand.js';

/** The parsed command line of `ksef status`. */
export interface StatusArguments extends ConnectionArguments {
  /** The session reference, as `ksef send` printed it. */
  readonly session: string;
  /** `--invoice` references, in the order given; empty = every invoice of the session. */
  readonly invoices: readonly string[];
  readonly upoDir: string | undefined;
  readonly waitTimeoutMs: number;
  readonly json: boolean;
}

/**
 * The default of `--wait-timeout`, in seconds: read once. `ksef status` is the look-up after a run
 * that already waited; waiting again is the user's explicit choice.
 */
export const defaultStatusWaitTimeoutSeconds = 0;

/** Parses `ksef status`'s arguments; throws a UsageError saying what is wrong. */
export function parseStatusArguments(args: readonly string[]): StatusArguments {
  const { values } = parseCommandArgs(args, {
    options: {
      ...connectionOptions,
      session: { type: 'string' },
      invoice: { type: 'string', multiple: true },
      'upo-dir': { type: 'string' },
      'wait-timeout': { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (values.session === undefined) throw new UsageError('--session is required: the session reference `ksef send` printed (e.g. 20260601-SO-…)');
  const session = parseReferenceArgument(values.session, '--session');
  const invoices = (values.invoice ?? []).map((reference) => parseReferenceArgument(reference, '--invoice'));
  return {
    ...parseConnectionArguments(values, { action: 'look', nipRole: 'the taxpayer whose session it is (the session context)' }),
    session,
    invoices,
    upoDir: values['upo-dir'],
    waitTimeoutMs: parseWaitTimeout(values['wait-timeout'], defaultStatusWaitTimeoutSeconds),
    json: values.json === true,
  };
}
