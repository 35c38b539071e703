#!/usr/bin/env node
// Committed launcher (executable in git), so `node_modules/.bin/ksef` works straight after
// `npm install` + build on a fresh clone; the compiled entry point lives in dist/.
import '../dist/bin/ksef.js';
