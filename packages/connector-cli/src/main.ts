import type { CliCommandEntry } from './CliCommand.js';
import { UsageError } from './CliCommand.js';
import type { CliIo } from './CliIo.js';
import { commands } from './commands/commandList.js';

const overview = (list: readonly CliCommandEntry[]): string =>
  [
    'ksef — send invoices to KSeF 2.0 (Poland\'s national e-invoicing system)',
    '',
    'Usage: ksef <command> [options]',
    '',
    'Commands:',
    ...list.map((c) => `  ${c.name.padEnd(12)}${c.summary}`),
    '',
    'Run `ksef <command> --help` for a command\'s options.',
    '',
  ].join('\n');

/** Runs the `ksef` command line and returns its exit code (never calls process.exit itself). */
export async function main(argv: readonly string[], io: CliIo, list: readonly CliCommandEntry[] = commands): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(overview(list));
    return name === undefined ? 1 : 0;
  }
  if (name === '--version') {
    io.stdout(`${await cliVersion()}\n`);
    return 0;
  }
  const entry = list.find((c) => c.name === name);
  if (entry === undefined) {
    io.stderr(`ksef: unknown command "${name}". Known commands: ${list.map((c) => c.name).join(', ')}.\n`);
    return 1;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`ksef ${command.name}: ${error.message}\n\n${command.usage}\n`);
      return 1;
    }
    throw error;
  }
}

async function cliVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
