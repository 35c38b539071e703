// Every README example marked `<!-- example: tested -->` is run here against the *built* packages,
// resolved through node_modules exactly as an ERP vendor's code would resolve them (`npm test`
// builds first). An example that stops working fails the suite.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readmes = ['README.md', ...['spec', 'core', 'adapters', 'simulator', 'connector-cli'].map((p) => `packages/${p}/README.md`)];

/** The fenced ```js/```ts blocks that follow an `<!-- example: tested -->` marker. */
function testedExamples(markdown: string): string[] {
  const blocks: string[] = [];
  const pattern = /<!-- example: tested -->\s*```(?:js|ts|javascript|typescript)\n([\s\S]*?)```/g;
  for (const match of markdown.matchAll(pattern)) blocks.push(match[1] ?? '');
  return blocks;
}

describe('README examples', () => {
  for (const readme of readmes) {
    it(`${readme}: every tested example runs`, async () => {
      const text = await readFile(path.join(repoRoot, readme), 'utf8').catch(() => '');
      const examples = testedExamples(text);
      // Package READMEs must carry at least one tested example (issue 2: "a one-screen README with a tested example").
      if (readme.startsWith('packages/')) expect(examples.length).toBeGreaterThan(0);
      // The example files must live inside the repo so `@ksef-connect/*` resolves through node_modules.
      const dir = await mkdtemp(path.join(repoRoot, 'node_modules', '.readme-example-'));
      try {
        for (const [index, code] of examples.entries()) {
          const file = path.join(dir, `example-${index}.mjs`);
          await writeFile(file, code);
          const { stderr } = await run(process.execPath, [file], { cwd: repoRoot, timeout: 120_000, env: { ...process.env, NODE_NO_WARNINGS: '1' } }).catch(
            (error: { stdout?: string; stderr?: string; message: string }) => {
              throw new Error(`${readme} example ${index + 1} failed:\n${error.stderr ?? error.message}\n--- code ---\n${code}`);
            },
          );
          expect(stderr).not.toMatch(/Error/);
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});
