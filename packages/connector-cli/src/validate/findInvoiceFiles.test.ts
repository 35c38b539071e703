import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findInvoiceFiles } from './findInvoiceFiles.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ksef-find-'));
  mkdirSync(path.join(dir, 'in', 'real'), { recursive: true });
  mkdirSync(path.join(dir, 'elsewhere', 'deep'), { recursive: true });
  writeFileSync(path.join(dir, 'in', 'real', 'a.xml'), '<a/>');
  writeFileSync(path.join(dir, 'in', 'notes.txt'), 'not an invoice');
  writeFileSync(path.join(dir, 'elsewhere', 'b.xml'), '<b/>');
  writeFileSync(path.join(dir, 'elsewhere', 'deep', 'c.XML'), '<c/>');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ok = (file: string): { file: string; problem: null } => ({ file, problem: null });

describe('findInvoiceFiles', () => {
  it('follows symbolic links to *.xml files and to folders (relative and absolute), sorted', async () => {
    symlinkSync('../elsewhere/b.xml', path.join(dir, 'in', 'linked.xml'));
    symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, 'in', 'linked-folder'));
    symlinkSync('../elsewhere/b.xml', path.join(dir, 'in', 'linked-notes.txt'));
    expect(await findInvoiceFiles(['in'], dir)).toEqual([
      ok(path.join('in', 'linked-folder', 'b.xml')),
      ok(path.join('in', 'linked-folder', 'deep', 'c.XML')),
      ok(path.join('in', 'linked.xml')),
      ok(path.join('in', 'real', 'a.xml')),
    ]);
  });

  it('a folder argument that is itself a link is searched', async () => {
    symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, 'shortcut'));
    expect(await findInvoiceFiles(['shortcut/'], dir)).toEqual([ok(path.join('shortcut', 'b.xml')), ok(path.join('shortcut', 'deep', 'c.XML'))]);
  });

  it('reports broken links, links that loop into each other and links back to a containing folder, whatever their name, and never hangs', async () => {
    symlinkSync('gone.xml', path.join(dir, 'in', 'broken.xml'));
    symlinkSync('../no-such-folder', path.join(dir, 'in', 'broken-folder'));
    symlinkSync('loop-b.xml', path.join(dir, 'in', 'loop-a.xml'));
    symlinkSync('loop-a.xml', path.join(dir, 'in', 'loop-b.xml'));
    symlinkSync('..', path.join(dir, 'in', 'real', 'up'));
    expect(await findInvoiceFiles(['in'], dir)).toEqual([
      { file: path.join('in', 'broken-folder'), problem: 'a broken symbolic link: its target ../no-such-folder does not exist' },
      { file: path.join('in', 'broken.xml'), problem: 'a broken symbolic link: its target gone.xml does not exist' },
      { file: path.join('in', 'loop-a.xml'), problem: 'a symbolic link loop: its links lead back to each other' },
      { file: path.join('in', 'loop-b.xml'), problem: 'a symbolic link loop: its links lead back to each other' },
      ok(path.join('in', 'real', 'a.xml')),
      { file: path.join('in', 'real', 'up'), problem: 'a symbolic link loop: it leads back to a folder that contains it' },
    ]);
  });

  it('keeps files and missing paths given by name, for their own io error', async () => {
    symlinkSync('gone.xml', path.join(dir, 'dangling.xml'));
    expect(await findInvoiceFiles(['missing.xml', 'dangling.xml', path.join('in', 'real', 'a.xml')], dir)).toEqual([
      ok('missing.xml'),
      ok('dangling.xml'),
      ok(path.join('in', 'real', 'a.xml')),
    ]);
  });
});
