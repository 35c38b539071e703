// Validation throughput (issue 2, "Performance"): 10 000 invoices (5 000 FA(2) + 5 000 FA(3)) through
// the built `ksef validate` versus `xmllint --noout --nonet --schema` with an XML catalog mapping
// the crd.gov.pl imports to the vendored files. Wall time of each, and the ratio (target ≤ 1.3×,
// above 2× is a bug). Files are generated into .bench/ (gitignored) from the filled samples.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const name = 'validation: ksef validate vs xmllint (10 000 FA invoices)';

const perForm = 5000;
const crdBase = 'http://crd.gov.pl/xml/schematy/dziedzinowe/mf/2022/01/05/eD/DefinicjeTypy/';

export async function run({ root, log }) {
  const work = path.join(root, '.bench', 'validation');
  const fixtures = path.join(root, 'packages/core/src/fa/validation/__fixtures__');
  const schemas = path.join(root, 'packages/spec/schemas/fa');
  const forms = [
    { code: 'FA (2)', dir: path.join(work, 'fa2'), template: 'fa-2-valid.xml', xsd: path.join(schemas, 'schemat_FA(2)_v1-0E.xsd') },
    { code: 'FA (3)', dir: path.join(work, 'fa3'), template: 'fa-3-valid.xml', xsd: path.join(schemas, 'schemat_FA(3)_v1-0E.xsd') },
  ];

  rmSync(work, { recursive: true, force: true });
  for (const form of forms) {
    mkdirSync(form.dir, { recursive: true });
    const template = readFileSync(path.join(fixtures, form.template), 'utf8');
    // Distinct invoices: a different invoice number (P_2) in each file.
    for (let i = 0; i < perForm; i++) {
      const xml = template.replace(/<P_2>([^<]*)<\/P_2>/, (_, p2) => `<P_2>${p2}-${i}</P_2>`);
      writeFileSync(path.join(form.dir, `invoice-${String(i).padStart(5, '0')}.xml`), xml);
    }
  }
  const catalog = path.join(work, 'catalog.xml');
  const local = pathToFileURL(path.join(schemas, 'bazowe')).href + '/';
  writeFileSync(catalog, `<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <rewriteSystem systemIdStartString="${crdBase}" rewritePrefix="${local}"/>
  <rewriteURI uriStartString="${crdBase}" rewritePrefix="${local}"/>
</catalog>
`);
  const files = forms.map((f) => f.dir);
  log(`generated ${perForm * forms.length} invoices in ${path.relative(root, work)}/`);

  const ksef = path.join(root, 'packages/connector-cli/bin/ksef.js');
  const runs = 3;
  const ksefTimes = [];
  const xmllintTimes = [];
  for (let r = 0; r < runs; r++) {
    // xmllint takes one schema per run: once per form over that form's files.
    let xmllint = 0;
    for (const form of forms) {
      const list = readdirXml(form.dir);
      xmllint += timed(() => {
        const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', form.xsd, ...list], {
          env: { ...process.env, XML_CATALOG_FILES: catalog }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
        });
        if (result.status !== 0) throw new Error(`xmllint failed (${result.status}): ${(result.stderr ?? '').split('\n').slice(-5).join('\n')}`);
        const validated = (result.stderr.match(/ validates$/gm) ?? []).length;
        if (validated !== list.length) throw new Error(`xmllint validated ${validated} of ${list.length}`);
      });
    }
    xmllintTimes.push(xmllint);
    ksefTimes.push(
      timed(() => {
        // TEST rules: the corpus includes FA (2), which prod and demo refuse as a form error.
        const result = spawnSync(process.execPath, [ksef, 'validate', '--json', '--env', 'test', ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
        if (result.status !== 0) throw new Error(`ksef validate exited ${result.status}: ${result.stderr}${result.stdout.slice(0, 2000)}`);
        const report = JSON.parse(result.stdout);
        const valid = report.filter((r) => r.valid).length;
        if (report.length !== perForm * forms.length || valid !== report.length) throw new Error(`ksef validate: ${valid} valid of ${report.length}`);
      }),
    );
  }
  const best = (times) => Math.min(...times);
  const ratio = best(ksefTimes) / best(xmllintTimes);
  log(`xmllint --noout --nonet --schema: ${fmt(xmllintTimes)} (best ${best(xmllintTimes).toFixed(2)} s)`);
  log(`ksef validate --json:            ${fmt(ksefTimes)} (best ${best(ksefTimes).toFixed(2)} s)`);
  log(`ratio ksef/xmllint: ${ratio.toFixed(2)}× (target ≤ 1.3×; above 2× is a bug)`);
  return ratio <= 2;
}

function readdirXml(dir) {
  return readdirSync(dir).filter((f) => f.endsWith('.xml')).sort().map((f) => path.join(dir, f));
}

function timed(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function fmt(times) {
  return times.map((t) => `${t.toFixed(2)} s`).join(', ');
}

