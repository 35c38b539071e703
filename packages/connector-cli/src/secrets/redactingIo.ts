import type { CliIo } from '../CliIo.js';
import type { Secret } from './Secret.js';

/**
 * Wraps an io so that nothing it writes can contain a known secret: every occurrence of a secret's
 * value in stdout or stderr text becomes `[redacted]`. A second line of defence — messages are
 * built without secrets in the first place — that also covers text we do not control (an error
 * message quoting a server's echo, an unexpected exception).
 */
export function redactingIo(io: CliIo, secrets: () => readonly Secret[]): CliIo {
  const scrub = (text: string): string => {
    let result = text;
    // Shortest-first would leave the tail of a longer secret that contains a shorter one.
    const values = secrets().map((s) => s.reveal()).filter((v) => v.length >= 4).sort((a, b) => b.length - a.length);
    for (const value of values) result = result.split(value).join('[redacted]');
    return result;
  };
  return { ...io, stdout: (text) => io.stdout(scrub(text)), stderr: (text) => io.stderr(scrub(text)) };
}
