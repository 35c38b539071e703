import { jestProject } from '../../jest.base.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export default { ...jestProject(path.dirname(fileURLToPath(import.meta.url)), 'simulator'), testTimeout: 60000 };
