import fs from 'node:fs';
import { withoutEffects } from './runAdapterContract.js';

describe('withoutEffects (the contract purity guard)', () => {
  it('makes file-system reads, the clock and randomness throw inside, and restores them after', () => {
    expect(() => withoutEffects(() => fs.readFileSync('/etc/hostname'))).toThrow(/adapters are pure/);
    expect(() => withoutEffects(() => Date.now())).toThrow(/Date\.now/);
    expect(() => withoutEffects(() => Math.random())).toThrow(/Math\.random/);
    expect(() => withoutEffects(() => fetch('http://127.0.0.1:9/'))).toThrow(/fetch/);
    expect(typeof Date.now()).toBe('number');
    expect(fs.existsSync('/')).toBe(true);
  });

  it('returns what the function returns', () => {
    expect(withoutEffects(() => 42)).toBe(42);
  });
});
