import { createPrivateKey, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTestCertificate } from '@ksef-connect/core';
import { startSimulator, type RunningSimulator } from '@ksef-connect/simulator';
import type { CliIo } from '../CliIo.js';
import { main } from '../main.js';

const examples = fileURLToPath(new URL('../../../../examples/invoices/', import.meta.url));

function bufferIo(cwd: string, env: Record<string, string> = {}, stdin = ''): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), readStdin: async () => Buffer.from(stdin), env, cwd };
}

let dir: string;
let simulator: RunningSimulator;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ksef-send-cmd-'));
  simulator = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await simulator.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ksef send (in process)', () => {
  it('sends through main() with the token from stdin and prints the table', async () => {
    const xml = readFileSync(path.join(examples, 'fa3-vat-invoice.xml'), 'utf8')
      .replaceAll('5265877635', simulator.sample.nip)
      .replace(/<P_2>[^<]*<\/P_2>/, `<P_2>FV/${randomUUID()}</P_2>`);
    writeFileSync(path.join(dir, 'a.xml'), xml);
    const io = bufferIo(dir, {}, `${simulator.sample.token}\n`);
    const code = await main(['send', 'a.xml', '--base-url', simulator.url, '--nip', simulator.sample.nip, '--token-file', '-', '--wait-timeout', '30'], io);
    expect(io.err.join('')).toContain('[1/1] sending a.xml');
    expect(code).toBe(0);
    expect(io.out.join('')).toMatch(new RegExp(`a\\.xml\\s+accepted\\s+${simulator.sample.nip}-\\d{8}-`));
    expect(io.out.join('') + io.err.join('')).not.toContain(simulator.sample.token);
  });

  it('never echoes a --token value, even when the arguments are wrong', async () => {
    const token = 'TOKEN-THAT-MUST-NOT-LEAK-1234';
    for (const args of [
      ['send', 'a.xml', '--env', 'test', '--nip', '123', '--token', token],
      ['send', 'a.xml', '--env', 'nowhere', `--token=${token}`, '--json'],
      ['send', '--nip', token, '--env', 'test', '--token', token],
    ]) {
      const io = bufferIo(dir);
      expect(await main(args, io)).toBe(1);
      expect(io.out.join('') + io.err.join('')).not.toContain(token);
    }
  });

  it('a short or common passphrase (part of the NIP, null, true, a) leaves the --json output intact', async () => {
    const seal = await generateTestCertificate({ kind: 'ec', nip: simulator.sample.nip, commonName: 'Short passphrase seal' });
    writeFileSync(path.join(dir, 'seal.pem'), seal.certificatePem);
    // Every KSeF number starts with the seller's NIP, so its first four digits are in the output for sure.
    for (const passphrase of [simulator.sample.nip.slice(0, 4), 'null', 'true', 'a']) {
      writeFileSync(path.join(dir, 'seal-key.pem'), createPrivateKey(seal.privateKeyPem).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }));
      const xml = readFileSync(path.join(examples, 'fa3-vat-invoice.xml'), 'utf8')
        .replaceAll('5265877635', simulator.sample.nip)
        .replace(/<P_2>[^<]*<\/P_2>/, `<P_2>FV/${randomUUID()}</P_2>`);
      writeFileSync(path.join(dir, 'short-pass.xml'), xml);
      const io = bufferIo(dir);
      const code = await main(['send', 'short-pass.xml', '--base-url', simulator.url, '--nip', simulator.sample.nip, '--cert', 'seal.pem', '--key', 'seal-key.pem', '--key-passphrase', `pass:${passphrase}`, '--json'], io);
      expect(code).toBe(0);
      const stdout = io.out.join('');
      expect(stdout).not.toContain('[redacted]');
      const report = JSON.parse(stdout) as { sessions: unknown[]; invoices: Array<{ ksefNumber: string; status: { extensions: unknown } }> };
      expect(report.invoices[0]?.ksefNumber).toMatch(new RegExp(`^${simulator.sample.nip}-\\d{8}-[0-9A-F]{12}-[0-9A-F]{2}$`));
      expect(report.invoices[0]?.status.extensions).toBeNull();
      // Exactly what JSON.stringify made of the report: not a character rewritten.
      expect(stdout).toBe(`${JSON.stringify(report)}\n`);
      expect(io.err.join('')).toContain(`for NIP ${simulator.sample.nip}`);
    }
  });

  it('a folder argument sends symlinked files and folders; a broken link in it stops the run before anything is sent', async () => {
    const fresh = (): string => readFileSync(path.join(examples, 'fa3-vat-invoice.xml'), 'utf8')
      .replaceAll('5265877635', simulator.sample.nip)
      .replace(/<P_2>[^<]*<\/P_2>/, `<P_2>FV/${randomUUID()}</P_2>`);
    mkdirSync(path.join(dir, 'link-targets', 'folder'), { recursive: true });
    mkdirSync(path.join(dir, 'links'));
    writeFileSync(path.join(dir, 'link-targets', 'one.xml'), fresh());
    writeFileSync(path.join(dir, 'link-targets', 'folder', 'two.xml'), fresh());
    symlinkSync('../link-targets/one.xml', path.join(dir, 'links', 'one.xml'));
    symlinkSync(path.join(dir, 'link-targets', 'folder'), path.join(dir, 'links', 'folder'));
    symlinkSync('missing.xml', path.join(dir, 'links', 'zz-broken.xml'));

    const refused = bufferIo(dir, { KSEF_TOKEN: simulator.sample.token });
    expect(await main(['send', 'links', '--base-url', simulator.url, '--nip', simulator.sample.nip, '--json'], refused)).toBe(1);
    expect(JSON.parse(refused.out.join(''))).toEqual({ error: { code: 'usage', message: `cannot read ${path.join('links', 'zz-broken.xml')} (a broken symbolic link: its target missing.xml does not exist); fix or remove it and run the command again; nothing was sent` } });
    expect(refused.err.join('')).not.toContain('Sending');

    rmSync(path.join(dir, 'links', 'zz-broken.xml'));
    const io = bufferIo(dir, { KSEF_TOKEN: simulator.sample.token });
    expect(await main(['send', 'links', '--base-url', simulator.url, '--nip', simulator.sample.nip, '--json'], io)).toBe(0);
    const report = JSON.parse(io.out.join('')) as { invoices: Array<{ file: string; ksefNumber: string | null }> };
    expect(report.invoices.map((i) => i.file)).toEqual([path.join('links', 'folder', 'two.xml'), path.join('links', 'one.xml')]);
    for (const invoice of report.invoices) expect(invoice.ksefNumber).toMatch(new RegExp(`^${simulator.sample.nip}-`));
  });

  it('a KSeF token issued for another NIP than --nip is an error before authenticating, naming both NIPs and never the token', async () => {
    writeFileSync(path.join(dir, 'nip-a.xml'), readFileSync(path.join(examples, 'fa3-vat-invoice.xml')));
    writeFileSync(path.join(dir, 'token.txt'), `${simulator.sample.token}\n`);
    const other = simulator.sample.nip === '5265877635' ? '1111111111' : '5265877635';
    const io = bufferIo(dir);
    expect(await main(['send', 'nip-a.xml', '--base-url', simulator.url, '--nip', other, '--token-file', 'token.txt', '--json'], io)).toBe(1);
    const message = `The KSeF token from --token-file token.txt was issued for NIP ${simulator.sample.nip}; --nip says ${other}: pass the NIP the token belongs to (--nip ${simulator.sample.nip}), or a token issued for ${other}. Nothing was sent.`;
    expect(JSON.parse(io.out.join(''))).toEqual({ error: { code: 'credentials.nipMismatch', message } });
    expect(io.err.join('')).toBe(`ksef send: ${message}\n`);
    expect(io.out.join('') + io.err.join('')).not.toContain(simulator.sample.token.split('|')[2] ?? simulator.sample.token);

    const env = bufferIo(dir, { KSEF_TOKEN: simulator.sample.token });
    expect(await main(['send', 'nip-a.xml', '--base-url', simulator.url, '--nip', other], env)).toBe(1);
    expect(env.err.join('')).toContain(`The KSeF token from KSEF_TOKEN was issued for NIP ${simulator.sample.nip}; --nip says ${other}`);
  });

  it('a certificate naming another NIP gets a note before authenticating; one naming none (PESEL) or the same NIP does not', async () => {
    const other = simulator.sample.nip === '5265877635' ? '1111111111' : '5265877635';
    const seal = await generateTestCertificate({ kind: 'ec', nip: other, commonName: 'Another company' });
    writeFileSync(path.join(dir, 'other-seal.pem'), seal.certificatePem);
    writeFileSync(path.join(dir, 'other-seal-key.pem'), seal.privateKeyPem);
    writeFileSync(path.join(dir, 'nip-b.xml'), readFileSync(path.join(examples, 'fa3-vat-invoice.xml'), 'utf8').replaceAll('5265877635', simulator.sample.nip).replace(/<P_2>[^<]*<\/P_2>/, `<P_2>FV/${randomUUID()}</P_2>`));
    const io = bufferIo(dir);
    await main(['send', 'nip-b.xml', '--base-url', simulator.url, '--nip', simulator.sample.nip, '--cert', 'other-seal.pem', '--key', 'other-seal-key.pem', '--json'], io);
    const stderr = io.err.join('');
    const note = `Note: the certificate in --cert other-seal.pem names NIP ${other} (organizationIdentifier VATPL-${other}); --nip says ${simulator.sample.nip}. KSeF lets it act for ${simulator.sample.nip} only if ${other} holds a permission there; if authentication fails, pass the NIP the certificate belongs to (--nip ${other}).`;
    expect(stderr).toContain(note);
    expect(stderr.indexOf(note)).toBeLessThan(stderr.indexOf('Sending 1 file(s)'));

    const person = await generateTestCertificate({ kind: 'ec', pesel: '44051401359', givenName: 'Anna', surname: 'Nowak', commonName: 'Anna Nowak' });
    const own = await generateTestCertificate({ kind: 'ec', nip: simulator.sample.nip, commonName: 'Own seal' });
    for (const [name, credentials] of [['pesel', person], ['own', own]] as const) {
      writeFileSync(path.join(dir, `${name}-cert.pem`), credentials.certificatePem);
      writeFileSync(path.join(dir, `${name}-key.pem`), credentials.privateKeyPem);
      const quiet = bufferIo(dir);
      await main(['send', 'nip-b.xml', '--base-url', simulator.url, '--nip', simulator.sample.nip, '--cert', `${name}-cert.pem`, '--key', `${name}-key.pem`, '--json'], quiet);
      expect(quiet.err.join('')).toContain('Sending 1 file(s)');
      expect(quiet.err.join('')).not.toContain('Note:');
    }
  });

  it('a 404 from a wrong base URL (the simulator without /v2, a web server answering HTML) says "check --base-url", once, and never "retry"', async () => {
    writeFileSync(path.join(dir, 'wrong-url.xml'), readFileSync(path.join(examples, 'fa3-vat-invoice.xml'), 'utf8').replaceAll('5265877635', simulator.sample.nip));
    const html = createServer((_request, response) => {
      response.writeHead(404, { 'content-type': 'text/html' });
      response.end('<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>');
    });
    await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
    const htmlUrl = `http://127.0.0.1:${(html.address() as AddressInfo).port}/v2`;
    try {
      for (const baseUrl of [simulator.url.replace(/\/v2$/, ''), htmlUrl]) {
        const io = bufferIo(dir, { KSEF_TOKEN: simulator.sample.token });
        expect(await main(['send', 'wrong-url.xml', '--base-url', baseUrl, '--nip', simulator.sample.nip, '--json'], io)).toBe(1);
        const { error } = JSON.parse(io.out.join('')) as { error: { code: string; message: string } };
        expect(error).toEqual({
          code: 'http.notFound',
          message: `${baseUrl} answered security.publicKeyCertificates with HTTP 404 (not found): there is no KSeF 2.0 API at this address. Check --base-url: it is the API base, ending in /v2 (e.g. http://127.0.0.1:8080/v2); or use --env. Nothing was sent.`,
        });
        expect(io.err.join('')).toContain(`ksef send: ${error.message}\n`);
        expect(io.err.join('')).not.toMatch(/retry|DOCTYPE/i);
      }
    } finally {
      await new Promise<void>((resolve) => html.close(() => resolve()));
    }
  });

  it('a passphrase named by env:NAME or file:PATH is not taken for the secret: messages quote the reference intact', async () => {
    const io = bufferIo(dir);
    writeFileSync(path.join(dir, 'ref-cert.pem'), 'x');
    writeFileSync(path.join(dir, 'ref-key.pem'), 'x');
    expect(await main(['send', 'a.xml', '--env', 'test', '--nip', simulator.sample.nip, '--cert', 'ref-cert.pem', '--key', 'ref-key.pem', '--key-passphrase', 'env:A_LONG_PASSPHRASE_VARIABLE'], io)).toBe(1);
    expect(io.err.join('')).toContain('--key-passphrase env:A_LONG_PASSPHRASE_VARIABLE: the environment variable A_LONG_PASSPHRASE_VARIABLE is not set');
  });

  it('--json turns a usage error into {"error":{"code":"usage"}} on stdout', async () => {
    const io = bufferIo(dir);
    expect(await main(['send', 'a.xml', '--nip', simulator.sample.nip, '--json'], io)).toBe(1);
    expect(JSON.parse(io.out.join(''))).toEqual({ error: { code: 'usage', message: expect.stringContaining('--env test|demo|prod, or --base-url URL') } });
  });

  it('--key-passphrase without --cert, and a NIP with a bad check digit on prod, are usage errors', async () => {
    const io = bufferIo(dir);
    expect(await main(['send', 'a.xml', '--env', 'test', '--nip', simulator.sample.nip, '--p12', 'x.p12', '--key-passphrase', 'env:X'], io)).toBe(1);
    expect(io.err.join('')).toContain('--key-passphrase goes with --cert and --key');
    const prod = bufferIo(dir);
    expect(await main(['send', 'a.xml', '--env', 'prod', '--nip', '5265877636', '--token-file', 't'], prod)).toBe(1);
    expect(prod.err.join('')).toContain('--nip is not a valid NIP: NIP check digit');
  });

  it('a run cut short after a session opened still reports every file; a send whose response was lost is named, never "nothing was sent"', async () => {
    const fresh = (source: string): string => readFileSync(path.join(examples, source), 'utf8')
      .replaceAll('5265877635', simulator.sample.nip)
      .replace(/<P_2>[^<]*<\/P_2>/, `<P_2>FV/${randomUUID()}</P_2>`);
    writeFileSync(path.join(dir, 'cut-2.xml'), fresh('fa2-vat-invoice.xml'));
    writeFileSync(path.join(dir, 'cut-3.xml'), fresh('fa3-vat-invoice.xml'));
    writeFileSync(path.join(dir, 'cut-bad.xml'), fresh('fa3-vat-invoice.xml').replace('<P_15>', '<P_15>abc'));
    const io = bufferIo(dir, { KSEF_TOKEN: simulator.sample.token });
    let injected = false;
    const stderr = io.stderr;
    const watched = {
      ...io,
      stderr: (text: string) => {
        // Once the first session is open: its send gets a 500 (KSeF may or may not have it), and the
        // second session cannot be opened, which stops the run.
        if (!injected && /^Session \S+ open\./.test(text)) {
          injected = true;
          simulator.control.injectFault({ operation: 'POST /sessions/online/{referenceNumber}/invoices', kind: 'status', status: 500 });
          simulator.control.injectFault({ operation: 'POST /sessions/online', kind: 'status', status: 503 });
        }
        stderr(text);
      },
    };
    const code = await main(['send', 'cut-2.xml', 'cut-3.xml', 'cut-bad.xml', '--base-url', simulator.url, '--nip', simulator.sample.nip, '--json'], watched);
    simulator.control.clearFaults();
    expect(code).toBe(1);
    const output = JSON.parse(io.out.join('')) as {
      error: { code: string; message: string };
      sessions: Array<{ referenceNumber: string }>;
      invoices: Array<{ file: string; sessionReferenceNumber: string | null; referenceNumber: string | null; status: unknown; validationErrors: unknown[] }>;
    };
    expect(output.error.code).toBe('http.serverError');
    expect(output.error.message).not.toContain('Nothing was sent');
    expect(output.error.message).toContain(`may have reached KSeF (the response was lost): cut-2.xml (session ${output.sessions[0]?.referenceNumber ?? '?'})`);
    expect(output.invoices.map((i) => i.file)).toEqual(['cut-2.xml', 'cut-3.xml', 'cut-bad.xml']);
    expect(output.invoices[0]).toMatchObject({ sessionReferenceNumber: output.sessions[0]?.referenceNumber, referenceNumber: null, status: null, validationErrors: [] });
    expect(output.invoices[1]).toMatchObject({ sessionReferenceNumber: null, referenceNumber: null, status: null, validationErrors: [] });
    expect(output.invoices[2]?.validationErrors.length).toBeGreaterThan(0);
    expect(io.out.join('') + io.err.join('')).not.toContain(simulator.sample.token);
  });

  it('a --upo-dir that cannot be created or written is refused before anything is sent (exit 1)', async () => {
    const xml = readFileSync(path.join(examples, 'fa3-vat-invoice.xml'), 'utf8')
      .replaceAll('5265877635', simulator.sample.nip)
      .replace(/<P_2>[^<]*<\/P_2>/, `<P_2>FV/${randomUUID()}</P_2>`);
    writeFileSync(path.join(dir, 'upo-ok.xml'), xml);
    writeFileSync(path.join(dir, 'not-a-folder'), 'a file where the UPO folder should go');
    const io = bufferIo(dir, { KSEF_TOKEN: simulator.sample.token });
    const code = await main(['send', 'upo-ok.xml', '--base-url', simulator.url, '--nip', simulator.sample.nip, '--upo-dir', 'not-a-folder/upo', '--json'], io);
    expect(code).toBe(1);
    const message = '--upo-dir not-a-folder/upo cannot be used: not-a-folder is a file, not a folder. Choose another --upo-dir (or fix this one); nothing was sent.';
    expect(JSON.parse(io.out.join(''))).toEqual({ error: { code: 'usage', message } });
    expect(io.err.join('')).toContain(`ksef send: ${message}`);
    // No client was created: not even the public keys were fetched, let alone a session opened.
    expect(io.err.join('')).not.toContain('Sending 1 file(s)');

    // The same invoice then goes through with a usable folder: it was never sent before.
    const ok = bufferIo(dir, { KSEF_TOKEN: simulator.sample.token });
    expect(await main(['send', 'upo-ok.xml', '--base-url', simulator.url, '--nip', simulator.sample.nip, '--upo-dir', 'upo-made/x', '--json'], ok)).toBe(0);
    const report = JSON.parse(ok.out.join('')) as { invoices: Array<{ ksefNumber: string | null; upoFile: string | null }> };
    expect(report.invoices[0]?.upoFile).toBe(path.join('upo-made', 'x', `${report.invoices[0]?.ksefNumber ?? '?'}.xml`));
  });
});
