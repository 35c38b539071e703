// The contract every adapter keeps (issue 5), run by each adapter's own test:
//   runAdapterContract(myAdapter, { valid: [...], hostile: [...] })
// Excluded from the build: it is test code (jest globals), shared by the adapters' tests.
import { createRequire } from 'node:module';
import { jest } from '@jest/globals';
import { renderInvoice, validateInvoice } from '@ksef-connect/core';
import type { Adapter, AdapterOptions, AdapterResult } from '../Adapter.js';

/** One input for the contract: its bytes, the name messages use, and the options to map it with. */
export interface ContractFixture {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly options?: AdapterOptions & Record<string, unknown>;
}

/** What the contract runs an adapter against. */
export interface AdapterContractFixtures {
  /** Realistic inputs: every document must map to a draft that renders to a valid FA(3). */
  readonly valid: readonly ContractFixture[];
  /** Broken inputs (wrong encoding, missing fields, extreme amounts, unicode): a report, never a throw. */
  readonly hostile: readonly ContractFixture[];
  /** "Now" for rendering (FA(3) accepts DataWytworzeniaFa from 2025-09-01); default 2026-06-01. */
  readonly now?: Date;
}

const require = createRequire(import.meta.url);
type Patchable = Record<string, unknown>;

/** Runs `fn` with file-system, network, clock and randomness entry points replaced by throwing spies. */
export function withoutEffects<T>(fn: () => T): T {
  const fs = require('node:fs') as Patchable;
  const fsPromises = require('node:fs/promises') as Patchable;
  const net = require('node:net') as { Socket: { prototype: Patchable } } & Patchable;
  const http = require('node:http') as Patchable;
  const https = require('node:https') as Patchable;
  const forbidden = (what: string) => () => {
    throw new Error(`adapter contract: map() called ${what}; adapters are pure (no file system, network, clock or randomness)`);
  };
  const restore: (() => void)[] = [];
  const patch = (target: Patchable, key: string, what: string): void => {
    if (typeof target[key] !== 'function') return;
    const spy = jest.spyOn(target as Record<string, () => unknown>, key).mockImplementation(forbidden(what));
    restore.push(() => spy.mockRestore());
  };
  for (const key of Object.keys(fs)) if (/^(read|open|write|stat|lstat|access|exists|createReadStream|createWriteStream|mkdir|readdir)/.test(key)) patch(fs, key, `fs.${key}`);
  for (const key of Object.keys(fsPromises)) if (/^(readFile|open|writeFile|stat|access|readdir)$/.test(key)) patch(fsPromises, key, `fs/promises.${key}`);
  patch(net, 'connect', 'net.connect');
  patch(net, 'createConnection', 'net.createConnection');
  patch(net.Socket.prototype, 'connect', 'net.Socket#connect');
  for (const [name, mod] of [['http', http], ['https', https]] as const) {
    patch(mod, 'request', `${name}.request`);
    patch(mod, 'get', `${name}.get`);
  }
  patch(globalThis as unknown as Patchable, 'fetch', 'fetch');
  patch(Math as unknown as Patchable, 'random', 'Math.random');
  patch(Date as unknown as Patchable, 'now', 'Date.now');
  try {
    return fn();
  } finally {
    for (const undo of restore.reverse()) undo();
  }
}

/** Structural checks every result must pass, whatever the input. */
function expectWellFormedResult(result: AdapterResult, inputName: string): void {
  expect(result.report.input).toBe(inputName);
  expect(Array.isArray(result.drafts)).toBe(true);
  const indexes = result.report.documents.map((d) => d.draftIndex).filter((i): i is number => i !== null);
  // Every draft has exactly one report entry, and every entry points at a real draft.
  expect([...indexes].sort((a, b) => a - b)).toEqual(result.drafts.map((_, i) => i));
  const allIssues = [...result.report.issues, ...result.report.documents.flatMap((d) => d.issues)];
  for (const issue of allIssues) {
    expect(['error', 'warning']).toContain(issue.severity);
    expect(typeof issue.message).toBe('string');
    expect(issue.message.trim().length).toBeGreaterThan(5);
    expect(issue.line === null || (Number.isInteger(issue.line) && issue.line >= 1)).toBe(true);
  }
  // A document without a draft says why.
  for (const document of result.report.documents) {
    if (document.draftIndex === null) expect(document.issues.some((i) => i.severity === 'error')).toBe(true);
  }
}

/** Every draft renders to FA(3) that core's validator accepts. */
function expectDraftsRenderValid(result: AdapterResult, now: Date): void {
  for (const draft of result.drafts) {
    const rendered = renderInvoice(draft, { form: 'FA (3)', now });
    const validation = validateInvoice(rendered.bytes, { form: 'FA (3)', now });
    expect(validation.errors).toEqual([]);
  }
}

// Deterministic pseudo-random bytes (xorshift), so a failure reproduces.
function noise(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

/** Inputs the contract derives from the valid fixtures: empty, noise, truncated, NUL-ridden, BOM-only. */
function derivedHostile(valid: readonly ContractFixture[]): ContractFixture[] {
  const derived: ContractFixture[] = [
    { name: 'empty', bytes: new Uint8Array() },
    { name: 'noise', bytes: noise(4096, 0x2545f491) },
    { name: 'bom-only', bytes: new Uint8Array([0xef, 0xbb, 0xbf]) },
  ];
  for (const fixture of valid.slice(0, 2)) {
    const { bytes, options } = fixture;
    const extra = options === undefined ? {} : { options };
    derived.push({ name: `${fixture.name} (first half)`, bytes: bytes.subarray(0, Math.floor(bytes.length / 2)), ...extra });
    derived.push({ name: `${fixture.name} (every 7th byte NUL)`, bytes: bytes.map((b, i) => (i % 7 === 6 ? 0 : b)), ...extra });
    derived.push({ name: `${fixture.name} (as UTF-16LE)`, bytes: new Uint8Array(Buffer.from(`\ufeff${Buffer.from(bytes).toString('latin1')}`, 'utf16le')), ...extra });
  }
  return derived;
}

/**
 * The shared contract suite: metadata, purity (same output twice, no fs/net/clock/randomness inside
 * `map`), one report entry per draft, every draft rendering to a valid FA(3), and hostile input
 * producing a report instead of an exception.
 */
export function runAdapterContract(adapter: Adapter, fixtures: AdapterContractFixtures): void {
  const now = fixtures.now ?? new Date('2026-06-01T00:00:00Z');

  describe(`adapter contract: ${adapter.name}`, () => {
    it('describes itself: a --from name, a description and file extensions', () => {
      expect(adapter.name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(adapter.description.trim().length).toBeGreaterThan(10);
      for (const extension of adapter.fileExtensions) expect(extension).toMatch(/^\.[a-z0-9.]+$/);
    });

    it('has valid and hostile fixtures', () => {
      expect(fixtures.valid.length).toBeGreaterThan(0);
      expect(fixtures.hostile.length).toBeGreaterThan(0);
    });

    describe.each(fixtures.valid.map((f) => [f.name, f] as const))('valid fixture %s', (_name, fixture) => {
      it('is pure: the same result twice, without fs, network, clock or randomness', () => {
        const input = { bytes: fixture.bytes, name: fixture.name };
        const first = withoutEffects(() => adapter.map(input, fixture.options));
        const second = withoutEffects(() => adapter.map(input, fixture.options));
        expect(second).toEqual(first);
        expect(fixture.bytes).toEqual(input.bytes);
      });

      it('maps every document, each with a report entry, and every draft renders to a valid FA(3)', () => {
        const result = adapter.map({ bytes: fixture.bytes, name: fixture.name }, fixture.options);
        expectWellFormedResult(result, fixture.name);
        expect(result.drafts.length).toBeGreaterThan(0);
        const errors = [...result.report.issues, ...result.report.documents.flatMap((d) => d.issues)].filter((i) => i.severity === 'error');
        expect(errors).toEqual([]);
        expect(result.report.documents.every((d) => d.draftIndex !== null)).toBe(true);
        expectDraftsRenderValid(result, now);
      });
    });

    describe.each([...fixtures.hostile, ...derivedHostile(fixtures.valid)].map((f) => [f.name, f] as const))('hostile input %s', (_name, fixture) => {
      it('yields a report, not an exception; what it still maps renders valid', () => {
        const result = withoutEffects(() => adapter.map({ bytes: fixture.bytes, name: fixture.name }, fixture.options));
        expectWellFormedResult(result, fixture.name);
        expectDraftsRenderValid(result, now);
      });
    });

    describe.each(fixtures.hostile.map((f) => [f.name, f] as const))('hostile fixture %s', (_name, fixture) => {
      it('is reported: at least one issue, and errors name the field or the line', () => {
        const result = adapter.map({ bytes: fixture.bytes, name: fixture.name }, fixture.options);
        const issues = [...result.report.issues, ...result.report.documents.flatMap((d) => d.issues)];
        expect(issues.length).toBeGreaterThan(0);
        for (const issue of issues.filter((i) => i.severity === 'error')) expect(issue.field !== null || issue.line !== null).toBe(true);
      });
    });
  });
}
