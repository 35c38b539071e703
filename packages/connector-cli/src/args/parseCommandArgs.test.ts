import { UsageError } from '../CliCommand.js';
import { parseCommandArgs } from './parseCommandArgs.js';

const options = { json: { type: 'boolean' }, out: { type: 'string' } } as const;

describe('parseCommandArgs', () => {
  it('returns the values and, when allowed, the positionals', () => {
    expect(parseCommandArgs(['--out', 'dir', 'a.xml', '--json', 'b.xml'], { allowPositionals: true, options })).toEqual({
      values: { out: 'dir', json: true },
      positionals: ['a.xml', 'b.xml'],
    });
    expect(parseCommandArgs([], { options }).values).toEqual({});
  });

  it('turns unknown options, missing values and unexpected positionals into a UsageError', () => {
    const usageError = (args: string[], allowPositionals = false): unknown => {
      try {
        parseCommandArgs(args, { allowPositionals, options });
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const unknown = usageError(['--tokn=secret-value']);
    expect(unknown).toBeInstanceOf(UsageError);
    expect((unknown as UsageError).message).toContain('--tokn');
    expect((unknown as UsageError).message).not.toContain('secret-value');
    expect(usageError(['--out'])).toBeInstanceOf(UsageError);
    expect(usageError(['a.xml'])).toBeInstanceOf(UsageError);
    expect(usageError(['a.xml'], true)).toBeUndefined();
  });
});
