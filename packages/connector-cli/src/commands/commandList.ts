import type { CliCommandEntry } from '../CliCommand.js';

/**
 * Every `ksef` sub-command, in the order `ksef --help` lists them. Each is loaded only when it runs:
 * the core package, the adapters and the simulator are not imported for `--help` or for a command
 * that does not need them (start-up time is part of `ksef validate`'s benchmark).
 */
export const commands: readonly CliCommandEntry[] = [
  {
    name: 'validate',
    summary: 'validate FA(2)/FA(3)/FA_RR(1)/PEF invoices offline (XSD + KSeF rules)',
    load: async () => (await import('./ValidateCommand.js')).validateCommand,
  },
  {
    name: 'convert',
    summary: 'convert ERP exports (UBL, EDI++, Optima, JPK_FA, CSV) to FA(3) XML',
    load: async () => (await import('./ConvertCommand.js')).convertCommand,
  },
  {
    name: 'send',
    summary: 'send invoices to KSeF (token or certificate), wait for KSeF numbers, save UPOs',
    load: async () => (await import('./SendCommand.js')).sendCommand,
  },
  {
    name: 'status',
    summary: 'look up a session sent earlier: invoice statuses, KSeF numbers, UPOs (after exit code 3)',
    load: async () => (await import('./StatusCommand.js')).statusCommand,
  },
  {
    name: 'upo',
    summary: "download one invoice's UPO by session reference and KSeF number",
    load: async () => (await import('./UpoCommand.js')).upoCommand,
  },
  {
    name: 'simulator',
    summary: 'run a local KSeF 2.0 simulator for tests, demos and CI',
    load: async () => (await import('./SimulatorCommand.js')).simulatorCommand,
  },
  {
    name: 'demo',
    summary: 'send the sample invoices to a local simulator and explain what happened',
    load: async () => (await import('./DemoCommand.js')).demoCommand,
  },
];
