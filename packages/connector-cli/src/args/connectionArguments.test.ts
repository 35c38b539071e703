import { UsageError } from '../CliCommand.js';
import { parseConnectionArguments } from './connectionArguments.js';

const purpose = { action: 'look', nipRole: 'the taxpayer whose session it is' };

describe('parseConnectionArguments', () => {
  it('names the target: an environment, a base URL with TEST rules, or a Ministry URL with its own', () => {
    expect(parseConnectionArguments({ env: 'demo', nip: '5265877635' }, purpose)).toEqual({ target: { env: 'demo' }, nip: '5265877635', credentials: { kind: 'token', token: undefined, tokenFile: undefined } });
    expect(parseConnectionArguments({ 'base-url': 'http://127.0.0.1:8080/v2/', nip: '5265877635' }, purpose).target).toEqual({ env: 'test', baseUrl: 'http://127.0.0.1:8080/v2' });
    expect(parseConnectionArguments({ 'base-url': 'https://api.ksef.mf.gov.pl/v2', nip: '5265877635' }, purpose).target).toEqual({ env: 'prod', baseUrl: 'https://api.ksef.mf.gov.pl/v2' });
  });

  it('says what the command needs, in its own words', () => {
    expect(() => parseConnectionArguments({ env: 'test' }, purpose)).toThrow(new UsageError('--nip is required: the NIP of the taxpayer whose session it is'));
    expect(() => parseConnectionArguments({ nip: '5265877635' }, purpose)).toThrow(new UsageError('say where to look: --env test|demo|prod, or --base-url URL (e.g. a simulator)'));
    expect(() => parseConnectionArguments({ env: 'nowhere', nip: '5265877635' }, purpose)).toThrow('unknown environment "nowhere"');
    expect(() => parseConnectionArguments({ 'base-url': 'ftp://x/v2', nip: '5265877635' }, purpose)).toThrow('--base-url must be http:// or https://');
  });

  it('accepts a wrong NIP check digit outside prod only, never quoting the value', () => {
    expect(parseConnectionArguments({ env: 'test', nip: '5265877636' }, purpose).nip).toBe('5265877636');
    expect(() => parseConnectionArguments({ env: 'prod', nip: '5265877636' }, purpose)).toThrow(/^--nip is not a valid NIP: NIP check digit/);
    expect(() => parseConnectionArguments({ env: 'test', nip: 'secret-token-value' }, purpose)).toThrow(expect.objectContaining({ message: expect.not.stringContaining('secret-token-value') }));
  });

  it('takes exactly one way to authenticate', () => {
    expect(parseConnectionArguments({ env: 'test', nip: '5265877635', cert: 'c.pem', key: 'k.pem', 'key-passphrase': 'env:P' }, purpose).credentials).toEqual({ kind: 'certificate', cert: 'c.pem', key: 'k.pem', keyPassphrase: 'env:P' });
    expect(parseConnectionArguments({ env: 'test', nip: '5265877635', p12: 's.p12' }, purpose).credentials).toEqual({ kind: 'p12', p12: 's.p12', p12Passphrase: undefined });
    expect(() => parseConnectionArguments({ env: 'test', nip: '5265877635', 'token-file': 't', p12: 's.p12' }, purpose)).toThrow('choose one way to authenticate');
    expect(() => parseConnectionArguments({ env: 'test', nip: '5265877635', cert: 'c.pem' }, purpose)).toThrow('--cert and --key go together');
    expect(() => parseConnectionArguments({ env: 'test', nip: '5265877635', 'p12-passphrase': 'env:P' }, purpose)).toThrow('--p12-passphrase goes with --p12');
  });
});
