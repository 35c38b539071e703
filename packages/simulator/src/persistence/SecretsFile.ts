import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { SavedSimulatorKey } from '../domain/keys/SimulatorKeyRing.js';
import { readOwnerOnlyFile, writeOwnerOnlyFile } from './ownerOnlyFile.js';

/**
 * What a `dataDir` keeps besides the state: the "Ministry" key ring (so a client's cached
 * `publicKeyId` stays valid across a restart) and the HMAC secrets of access tokens, pre-signed URLs
 * and continuation tokens (so tokens and links handed out before a restart keep working).
 */
export interface SimulatorSecrets {
  readonly version: 1;
  readonly keys: readonly SavedSimulatorKey[];
  /** Base64 secrets. */
  readonly jwtSecret: string;
  readonly presignedUrlSecret: string;
  readonly continuationSecret: string;
}

/**
 * `<dataDir>/simulator-secrets.json`, readable by its owner only (mode 0600) and written atomically.
 * Errors name the file, never its content.
 */
export class SecretsFile {
  /** The file's path. */
  readonly file: string;
  private lastWritten: string | undefined;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.file = path.join(dataDir, 'simulator-secrets.json');
  }

  /** The saved secrets, or undefined when the folder has none yet. */
  load(): SimulatorSecrets | undefined {
    const text = readOwnerOnlyFile(this.file);
    if (text === undefined) return undefined;
    let secrets: unknown;
    try {
      secrets = JSON.parse(text);
    } catch {
      // JSON.parse quotes the text it choked on; this text holds private keys.
      throw new Error(`${this.file} is not valid JSON`);
    }
    if (!isSecrets(secrets)) throw new Error(`${this.file} is not a version 1 simulator secrets file`);
    this.lastWritten = text;
    return secrets;
  }

  /** Writes `secrets` (owner-only) unless the file already holds exactly them. */
  save(secrets: SimulatorSecrets): void {
    const text = JSON.stringify(secrets);
    if (text === this.lastWritten) return;
    writeOwnerOnlyFile(this.file, text);
    this.lastWritten = text;
  }
}

function isSecrets(value: unknown): value is SimulatorSecrets {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v['version'] === 1 && Array.isArray(v['keys'])
    && typeof v['jwtSecret'] === 'string' && typeof v['presignedUrlSecret'] === 'string' && typeof v['continuationSecret'] === 'string';
}
