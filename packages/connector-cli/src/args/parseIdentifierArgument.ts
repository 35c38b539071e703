import { parseKsefNumber, parseReferenceNumber, type KsefNumber, type ReferenceNumber } from '@ksef-connect/core';
import { UsageError } from '../CliCommand.js';

/**
 * A KSeF reference number (`--session`, `--invoice`). The value is never quoted back, like `--nip`:
 * a secret pasted into the wrong option must not end up on the screen.
 */
export function parseReferenceArgument(value: string, option: string): ReferenceNumber {
  try {
    return parseReferenceNumber(value.trim());
  } catch (error) {
    throw new UsageError(`${option} is not a KSeF reference number: ${error instanceof Error ? error.message : 'unreadable'}`);
  }
}

/** A KSeF number (`--ksef-number`); the value is never quoted back. */
export function parseKsefNumberArgument(value: string, option: string): KsefNumber {
  try {
    return parseKsefNumber(value.trim());
  } catch (error) {
    throw new UsageError(`${option} is not a KSeF number: ${error instanceof Error ? error.message : 'unreadable'}`);
  }
}
