import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DuplicateKey, OriginalInvoice } from '../domain/invoices/DuplicateRegistry.js';
import type { SimulatorState } from '../state/SimulatorState.js';
import { readOwnerOnlyFile, writeOwnerOnlyFile } from './ownerOnlyFile.js';

/** What a `dataDir` keeps between runs. */
export interface StateSnapshot {
  readonly version: 1;
  /** How many runs wrote this file; mixed into the id seed so a restart never re-issues a number. */
  readonly generation: number;
  readonly state: SimulatorState;
  readonly duplicates: Array<[DuplicateKey, OriginalInvoice]>;
}

/** The JSON snapshot `<dataDir>/simulator-state.json`, written atomically (temp file + rename), mode 0600. */
export class StateFile {
  private readonly file: string;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.file = path.join(dataDir, 'simulator-state.json');
  }

  /** The saved snapshot, or undefined when there is none yet. */
  load(): StateSnapshot | undefined {
    const text = readOwnerOnlyFile(this.file);
    if (text === undefined) return undefined;
    const snapshot = JSON.parse(text) as StateSnapshot;
    if (snapshot.version !== 1) throw new Error(`${this.file} has unknown version ${String(snapshot.version)}`);
    return snapshot;
  }

  /** Replaces the snapshot. */
  save(snapshot: StateSnapshot): void {
    writeOwnerOnlyFile(this.file, JSON.stringify(snapshot));
  }
}
