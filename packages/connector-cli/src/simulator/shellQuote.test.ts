import { execFileSync } from 'node:child_process';
import { shellQuote } from './shellQuote.js';

/** What `sh` makes of `word`: printf's one argument, exactly. */
const shellReads = (word: string): string => execFileSync('sh', ['-c', `printf %s ${word}`], { encoding: 'utf8' });

describe('shellQuote', () => {
  it('leaves plain words alone and single-quotes the rest, so sh reads back the value itself', () => {
    expect(shellQuote('http://127.0.0.1:8080/v2')).toBe('http://127.0.0.1:8080/v2');
    expect(shellQuote('20260310-EC-0A1B2C3D4E-5F6A7B8C9D-01|abc')).toBe("'20260310-EC-0A1B2C3D4E-5F6A7B8C9D-01|abc'");
    expect(shellQuote('plain', { always: true })).toBe("'plain'");
    for (const value of ['a|b', "it's", 'two words', '$HOME `x` \\ "q"', 'http://[::1]:8080/v2', '*.xml']) {
      expect(shellReads(shellQuote(value))).toBe(value);
    }
  });
});
