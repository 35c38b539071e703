import { connectionOptions, parseConnectionArguments, type ConnectionArguments } from '../args/connectionArguments.js';
import { parseCommandArgs } from '../args/parseCommandArgs.js';
import { parseKsefNumberArgument, parseReferenceArgument } from '../args/parseIdentifierArgument.js';
import { UsageError } from '../CliCommand.js';

/** The parsed command line of `ksef upo`. */
export interface UpoArguments extends ConnectionArguments {
  /** The session the invoice was sent in: KSeF's UPO route needs it. */
  readonly session: string;
  readonly ksefNumber: string;
  /** The folder to write `<ksefNumber>.xml` into, as given. */
  readonly out: string;
  readonly json: boolean;
}

/** Parses `ksef upo`'s arguments; throws a UsageError saying what is wrong. */
export function parseUpoArguments(args: readonly string[]): UpoArguments {
  const { values } = parseCommandArgs(args, {
    options: {
      ...connectionOptions,
      session: { type: 'string' },
      'ksef-number': { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (values.session === undefined) {
    throw new UsageError('--session is required: the reference of the session the invoice was sent in (KSeF serves a UPO only through its session; `ksef send` printed it)');
  }
  const session = parseReferenceArgument(values.session, '--session');
  if (values['ksef-number'] === undefined) throw new UsageError('--ksef-number is required: the KSeF number of the invoice whose UPO to download');
  const ksefNumber = parseKsefNumberArgument(values['ksef-number'], '--ksef-number');
  if (values.out === undefined || values.out.trim() === '') throw new UsageError('--out is required: the folder to write <ksefNumber>.xml into');
  return {
    ...parseConnectionArguments(values, { action: 'look', nipRole: 'the taxpayer whose session it is (the session context)' }),
    session,
    ksefNumber,
    out: values.out,
    json: values.json === true,
  };
}
