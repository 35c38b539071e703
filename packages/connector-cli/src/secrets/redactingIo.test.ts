import type { CliIo } from '../CliIo.js';
import { formatSendJson, formatSendReport } from '../send/formatSendReport.js';
import type { SendReport } from '../send/SendReport.js';
import { redactingIo } from './redactingIo.js';
import { Secret } from './Secret.js';

/** A token in the shape KSeF issues (`tokeny-ksef.md`): reference | context | 64 hex digits. */
const token = '20261202-EC-416A1D64D0-A0C7D929F8-DD|nip-4568761428|f97dfa7e88d91eadfde56e3f9033ad08ff0000b59595f1aed0d10d05097d4cb5';

/** A report as `ksef send --json` prints it: KSeF numbers and dates full of 2026, nulls, an empty array. */
const report: SendReport = {
  sessions: [{ referenceNumber: '20261202-SO-1B4A636300-15943F4F4D-50', formCode: 'FA (3)', status: { code: 200, description: 'Sesja interaktywna przetworzona pomyślnie' }, upoFiles: ['upo/session-20261202-SO-1B4A636300-15943F4F4D-50-1.xml'] }],
  invoices: [
    {
      file: 'ksef/a.xml',
      sessionReferenceNumber: '20261202-SO-1B4A636300-15943F4F4D-50',
      referenceNumber: '20261202-EE-B229A67F83-9936150088-04',
      ksefNumber: '4568761428-20261202-0100A0B0C0D0-E2',
      status: { code: 200, description: 'Sukces', details: [], extensions: null },
      validationErrors: [],
      upoFile: 'upo/4568761428-20261202-0100A0B0C0D0-E2.xml',
      outcome: 'accepted',
      message: 'ksef/a.xml accepted: KSeF number 4568761428-20261202-0100A0B0C0D0-E2.',
    },
    { file: 'true.xml', sessionReferenceNumber: null, referenceNumber: null, ksefNumber: null, status: null, validationErrors: [{ line: 3, column: null, path: '/Faktura/Fa/P_15', rule: 'xsd', message: 'a null value' }], upoFile: null, outcome: 'invalid', message: 'true.xml is not valid (1 error(s), first: line 3: a null value); it was not sent.' },
  ],
};

function capture(secrets: readonly Secret[], jsonStdout: boolean): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const raw: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), readStdin: async () => Buffer.alloc(0), env: {}, cwd: '/' };
  return { ...redactingIo(raw, () => secrets, { jsonStdout }), out, err };
}

describe('redactingIo', () => {
  it('leaves --json output byte for byte alone for short and common secrets: 2026, null, true, a, ksef, part of the NIP', () => {
    const json = formatSendJson(report);
    const human = formatSendReport(report, 'http://127.0.0.1:8080/v2');
    for (const value of ['2026', 'null', 'true', 'a', 'ksef', '4568', '"', '{', '0100A0B0C0D0', 'pomyślnie']) {
      const io = capture([new Secret(value, '--key-passphrase')], true);
      io.stdout(json);
      io.stderr(`Sending 1 file(s) to http://127.0.0.1:8080/v2 for NIP 4568761428; KSeF number 4568761428-20261202-0100A0B0C0D0-E2, status null, true\n`);
      expect(io.out).toEqual([json]);
      expect(io.err[0]).toContain('4568761428-20261202-0100A0B0C0D0-E2, status null, true');
      const table = capture([new Secret(value, '--p12-passphrase')], false);
      table.stdout(human);
      expect(table.out).toEqual([human]);
    }
  });

  it('never prints a KSeF token: human text gets [redacted], --json stays valid JSON with [redacted] inside the string', () => {
    const leaky: SendReport = { ...report, invoices: [{ ...report.invoices[1]!, validationErrors: [{ line: null, column: null, path: null, rule: 'refused', message: `server echoed ${token} back` }] }] };
    const json = capture([new Secret(token, '--token')], true);
    json.stdout(formatSendJson(leaky));
    json.stderr(`ksef send: Unexpected error: bad token ${token}.\n`);
    expect(json.out.join('')).not.toContain(token);
    expect(json.err).toEqual(['ksef send: Unexpected error: bad token [redacted].\n']);
    const parsed = JSON.parse(json.out.join('')) as SendReport;
    expect(parsed.invoices[0]?.validationErrors[0]?.message).toBe('server echoed [redacted] back');
    expect(parsed.sessions).toEqual(report.sessions);
    expect(json.out.join('').endsWith('}\n')).toBe(true);

    const human = capture([new Secret(token, '--token')], false);
    human.stdout(formatSendReport(leaky, 'http://127.0.0.1:8080/v2'));
    expect(human.out.join('')).not.toContain(token);
    expect(human.out.join('')).toContain('server echoed [redacted] back');
  });

  it('finds a long passphrase however JSON spells it (escapes, keys), and the longest secret first', () => {
    const passphrase = 'tab\there "quoted" \\ ok';
    const io = capture([new Secret(passphrase, '--key-passphrase'), new Secret(token.slice(0, 40), 'part'), new Secret(token, '--token')], true);
    io.stdout(`${JSON.stringify({ [passphrase]: [passphrase, `x${token}y`], n: 1, z: null })}\n`);
    expect(io.out).toEqual([`${JSON.stringify({ '[redacted]': ['[redacted]', 'x[redacted]y'], n: 1, z: null })}\n`]);

    // Spelt with a \u escape only, the token never shows literally in the text: still found.
    const escaped = capture([new Secret(token, '--token')], true);
    escaped.stdout(`{"message":"\\u00${token.charCodeAt(0).toString(16)}${token.slice(1)}"}\n`);
    expect(escaped.out).toEqual(['{"message":"[redacted]"}\n']);
  });

  it('withholds a --json document that still shows a secret outside any string, rather than corrupting it', () => {
    const digits = '12345678901234567890';
    const io = capture([new Secret(digits, '--key-passphrase')], true);
    io.stdout(`{"amount":${digits}}\n`);
    expect(JSON.parse(io.out.join(''))).toEqual({ error: { code: 'output.withheld', message: expect.stringContaining('contained a secret') } });
    expect(io.out.join('')).not.toContain(digits);
  });
});
