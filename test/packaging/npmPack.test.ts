// What `npm pack` would publish for each package: the build output, declarations and the package's
// own data files — never sources of tests, fixtures, tsbuildinfo or local state.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const packages = ['spec', 'core', 'adapters', 'simulator', 'connector-cli'];

interface PackEntry { files: Array<{ path: string }> }

describe('npm pack --dry-run', () => {
  for (const name of packages) {
    it(`@ksef-connect/${name} ships only what consumers need`, async () => {
      const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: path.join(repoRoot, 'packages', name) });
      const [entry] = JSON.parse(stdout) as PackEntry[];
      const files = entry?.files.map((f) => f.path) ?? [];
      expect(files).toContain('package.json');
      expect(files).toContain('README.md');
      expect(files).toContain('dist/index.js');
      expect(files).toContain('dist/index.d.ts');
      const unintended = files.filter(
        (f) => /(^|\/)src\//.test(f) || /\.test\.(js|d\.ts|ts)(\.map)?$/.test(f) || /tsbuildinfo$/.test(f) || /__fixtures__|__golden__/.test(f) || f.startsWith('dist/') === false && f.endsWith('.ts'),
      );
      expect(unintended).toEqual([]);
    });
  }
});
