import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../main.js';
import { bufferIo } from '../__fixtures__/bufferIo.js';

// The filled official samples that core's validator tests use (named by scenario).
const fixtures = fileURLToPath(new URL('../../../core/src/fa/validation/__fixtures__/', import.meta.url));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ksef-validate-'));
  mkdirSync(path.join(dir, 'in', 'b'), { recursive: true });
  copyFileSync(path.join(fixtures, 'fa-3-valid.xml'), path.join(dir, 'in', 'b', 'fa3.xml'));
  copyFileSync(path.join(fixtures, 'fa-2-valid.xml'), path.join(dir, 'in', 'a.xml'));
  writeFileSync(path.join(dir, 'in', 'notes.txt'), 'not an invoice');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const fa3 = (): string => readFileSync(path.join(fixtures, 'fa-3-valid.xml'), 'utf8');

describe('ksef validate', () => {
  it('finds *.xml in folders recursively, sorted, and exits 0 when all are valid (--env test: FA (2) too)', async () => {
    const io = bufferIo(dir);
    expect(await main(['validate', '--env', 'test', 'in'], io)).toBe(0);
    expect(io.out()).toBe(`${path.join('in', 'a.xml')}: OK (FA (2))\n${path.join('in', 'b', 'fa3.xml')}: OK (FA (3))\n2 files: 2 valid, 0 invalid.\n`);
  });

  it('reports FA (2) as a form error by default (prod) and with --env demo, exit 2; FA (3) stays valid', async () => {
    for (const env of [[], ['--env', 'demo']]) {
      const io = bufferIo(dir);
      expect(await main(['validate', ...env, 'in'], io)).toBe(2);
      const shown = env.length === 0 ? 'PROD' : 'DEMO';
      expect(io.out().split('\n')).toEqual([
        `${path.join('in', 'a.xml')}: INVALID (FA (2))`,
        `  ${path.join('in', 'a.xml')}:1:-  /Faktura  FA (2) is not accepted by KSeF ${shown}: production and demo take FA (3) only; FA (2) is accepted on TEST only. Issue the invoice as FA (3) (\`ksef convert\` writes FA (3)), or send it to TEST.`,
        `${path.join('in', 'b', 'fa3.xml')}: OK (FA (3))`,
        '2 files: 1 valid, 1 invalid.',
        '',
      ]);
    }
  });

  it('prints each error as file:line:col  path  message, naming KSeF rules, and exits 2', async () => {
    writeFileSync(path.join(dir, 'bad.xml'), fa3().replace('<NIP>1111111111</NIP>', '<NIP>1111111112</NIP>').replace(/<P_2>[^<]*<\/P_2>/, ''));
    const io = bufferIo(dir);
    expect(await main(['validate', 'bad.xml'], io)).toBe(2);
    expect(io.out().split('\n')).toEqual([
      'bad.xml: INVALID (FA (3))',
      "  bad.xml:48:-  /Faktura/Fa/OkresFa  Element 'OkresFa' is not expected here: expected P_2 (a required element is missing before it, or the order is wrong).",
      '  bad.xml:27:4  /Faktura/Podmiot2/DaneIdentyfikacyjne/NIP  NIP 1111111112 of Podmiot2 (buyer) has a wrong check digit: KSeF production rejects it. [KSeF rule: nip]',
      '1 file: 0 valid, 1 invalid.',
      '',
    ]);
  });

  it('with --env test, a bad NIP check digit is a warning and the file is valid', async () => {
    writeFileSync(path.join(dir, 'nip.xml'), fa3().replace('<NIP>1111111111</NIP>', '<NIP>1111111112</NIP>'));
    const io = bufferIo(dir);
    expect(await main(['validate', '--env', 'test', 'nip.xml'], io)).toBe(0);
    expect(io.out()).toContain('nip.xml: OK (FA (3))\n  nip.xml:27:4  /Faktura/Podmiot2/DaneIdentyfikacyjne/NIP  warning: NIP 1111111112');
  });

  it('--json prints one array in order; a missing file gets an io entry and exit 1', async () => {
    writeFileSync(path.join(dir, 'empty.xml'), '');
    const io = bufferIo(dir);
    expect(await main(['validate', '--json', '--env', 'test', 'in/a.xml', 'missing.xml', 'empty.xml'], io)).toBe(1);
    expect(JSON.parse(io.out())).toEqual([
      { file: 'in/a.xml', valid: true, form: 'FA (2)', errors: [], warnings: [] },
      { file: 'missing.xml', valid: false, form: null, warnings: [], errors: [{ line: null, column: null, path: null, rule: 'io', message: 'Cannot read the file: no such file.' }] },
      { file: 'empty.xml', valid: false, form: null, warnings: [], errors: [{ line: null, column: null, path: null, rule: 'xml', message: 'The file is empty: expected an XML invoice.' }] },
    ]);
  });

  it('reports an unreadable file as io (exit 1) and still validates the others', async () => {
    if (process.getuid?.() === 0) return; // root reads everything; the permission case cannot occur
    writeFileSync(path.join(dir, 'secret.xml'), fa3());
    chmodSync(path.join(dir, 'secret.xml'), 0o000);
    const io = bufferIo(dir);
    expect(await main(['validate', '--json', 'secret.xml', 'in/a.xml'], io)).toBe(1);
    const [secret, a] = JSON.parse(io.out()) as Array<{ errors: Array<{ rule: string; message: string }>; valid: boolean }>;
    expect(secret?.errors).toEqual([expect.objectContaining({ rule: 'io', message: 'Cannot read the file: permission denied.' })]);
    expect(a?.valid).toBe(true);
  });

  it('follows symbolic links to files and folders; a broken or looping link is that file\'s io error (exit 1), the rest still validated', async () => {
    mkdirSync(path.join(dir, 'shared'));
    copyFileSync(path.join(fixtures, 'fa-3-valid.xml'), path.join(dir, 'shared', 'linked-target.xml'));
    symlinkSync(path.join(dir, 'shared'), path.join(dir, 'in', 'c-shared'));
    symlinkSync('b/fa3.xml', path.join(dir, 'in', 'd-link.xml'));
    const io = bufferIo(dir);
    expect(await main(['validate', '--json', '--env', 'test', 'in'], io)).toBe(0);
    expect((JSON.parse(io.out()) as Array<{ file: string; valid: boolean }>).map((r) => [r.file, r.valid])).toEqual([
      [path.join('in', 'a.xml'), true],
      [path.join('in', 'b', 'fa3.xml'), true],
      [path.join('in', 'c-shared', 'linked-target.xml'), true],
      [path.join('in', 'd-link.xml'), true],
    ]);

    symlinkSync('nowhere.xml', path.join(dir, 'in', 'b', 'broken.xml'));
    symlinkSync('..', path.join(dir, 'in', 'b', 'up'));
    const broken = bufferIo(dir);
    expect(await main(['validate', '--env', 'test', 'in'], broken)).toBe(1);
    expect(broken.out().split('\n')).toEqual([
      `${path.join('in', 'a.xml')}: OK (FA (2))`,
      `${path.join('in', 'b', 'broken.xml')}: INVALID`,
      `  ${path.join('in', 'b', 'broken.xml')}:-:-  -  Cannot read the file: a broken symbolic link: its target nowhere.xml does not exist.`,
      `${path.join('in', 'b', 'fa3.xml')}: OK (FA (3))`,
      `${path.join('in', 'b', 'up')}: INVALID`,
      `  ${path.join('in', 'b', 'up')}:-:-  -  Cannot read the file: a symbolic link loop: it leads back to a folder that contains it.`,
      `${path.join('in', 'c-shared', 'linked-target.xml')}: OK (FA (3))`,
      `${path.join('in', 'd-link.xml')}: OK (FA (3))`,
      '6 files: 4 valid, 2 invalid.',
      '',
    ]);
  });

  it('--form forces a schema', async () => {
    const io = bufferIo(dir);
    expect(await main(['validate', '--json', '--form', 'FA (3)', 'in/a.xml'], io)).toBe(2);
    const [result] = JSON.parse(io.out()) as Array<{ form: string; errors: Array<{ rule: string }> }>;
    expect(result?.form).toBe('FA (3)');
    expect(result?.errors.map((e) => e.rule)).toEqual(['form']);
  });

  it('exits 1 when no XML file is found', async () => {
    mkdirSync(path.join(dir, 'nothing'));
    const io = bufferIo(dir);
    expect(await main(['validate', 'nothing'], io)).toBe(1);
    expect(io.err()).toBe('ksef validate: no XML files found in nothing.\n');
  });

  it.each([
    [['validate'], 'give at least one file or folder'],
    [['validate', '--form', 'FA3', 'x.xml'], 'unknown form "FA3"'],
    [['validate', '--env', 'staging', 'x.xml'], 'unknown environment "staging"'],
    [['validate', '--frobnicate', 'x.xml'], "Unknown option '--frobnicate'"],
  ])('rejects wrong arguments %j with exit 1 and the usage', async (argv, message) => {
    const io = bufferIo(dir);
    expect(await main(argv, io)).toBe(1);
    expect(io.err()).toContain(message);
    expect(io.err()).toContain('Usage: ksef validate');
  });
});
