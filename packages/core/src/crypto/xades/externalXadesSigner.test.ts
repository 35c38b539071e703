import { inspect } from 'node:util';
import { externalXadesSigner } from './externalXadesSigner.js';

describe('externalXadesSigner', () => {
  it('passes the unsigned XML to the hook and returns its result untouched', async () => {
    const seen: string[] = [];
    const signed = '<A xmlns="x"><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/></A>';
    const signer = externalXadesSigner(async (xml) => {
      seen.push(xml);
      return signed;
    });
    await expect(signer.sign('<A xmlns="x"/>')).resolves.toBe(signed);
    expect(seen).toEqual(['<A xmlns="x"/>']);
    expect(inspect(signer)).toBe('XadesSigner (external) [redacted]');
  });

  it('fails clearly when the hook returns no signature', async () => {
    const signer = externalXadesSigner(async (xml) => xml);
    await expect(signer.sign('<A xmlns="x"/>')).rejects.toThrow('The external signer returned no XML signature');
  });
});
