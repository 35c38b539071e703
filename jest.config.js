import { jestProject } from './jest.base.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const packages = ['spec', 'core', 'adapters', 'simulator', 'connector-cli'];

export default {
  projects: [
    ...packages.map((p) => jestProject(path.join(root, 'packages', p), p)),
    jestProject(path.join(root, 'test'), 'e2e'),
  ],
  reporters: ['default', path.join(root, 'jest.summary-reporter.js')],
  testTimeout: 60000,
};
