// Shared jest settings for every workspace: ts-jest in ESM mode (inversify 8 and libxml2-wasm are
// ESM-only, see docs/adr/0002-esm-everywhere.md). Tests run on the TypeScript sources, so a test
// run needs no build; `@ksef-connect/*` imports are mapped to each package's src/index.ts.
import { createDefaultEsmPreset } from 'ts-jest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));

/** Jest project config for the folder `dir` (absolute), named `displayName`. */
export function jestProject(dir, displayName) {
  const preset = createDefaultEsmPreset({ tsconfig: path.join(repoRoot, 'tsconfig.test.json') });
  return {
    ...preset,
    displayName,
    rootDir: dir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/**/*.test.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    moduleNameMapper: {
      '^@ksef-connect/([a-z-]+)$': path.join(repoRoot, 'packages/$1/src/index.ts'),
      // Subpath exports (e.g. `@ksef-connect/core/validation`) map to the file of that name in src/.
      '^@ksef-connect/([a-z-]+)/([a-z-]+)$': path.join(repoRoot, 'packages/$1/src/$2.ts'),
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    setupFiles: [path.join(repoRoot, 'jest.setup.js')],
  };
}
