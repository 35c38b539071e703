import { describeWait } from './describeWait.js';

const at = (iso: string): Date => new Date(iso);

describe('describeWait', () => {
  test('a used-up hourly send budget names the limit, the wait, the end and the batch advice', () => {
    const line = describeWait(
      { reason: 'budget', group: 'invoiceSend', limit: 180, window: 'hour', waitMs: 13 * 60_000 + 20_000, until: at('2026-01-10T13:05:10Z') },
      'UTC',
    );
    expect(line).toBe('KSeF allows 180 online sends per hour for this context; waiting 14 min (until 13:05) — use batch for volume');
  });

  test('a short wait shows seconds; groups other than sending get no batch advice', () => {
    const line = describeWait(
      { reason: 'budget', group: 'invoiceStatus', limit: 120, window: 'minute', waitMs: 42_300, until: at('2026-01-10T09:00:42.300Z') },
      'Europe/Warsaw',
    );
    expect(line).toBe('KSeF allows 120 invoice status reads per minute for this context; waiting 43 s (until 10:00:42)');
  });

  test('a 429 says KSeF asked for the wait, with the limit when KSeF named it', () => {
    expect(
      describeWait(
        { reason: 'tooManyRequests', group: 'invoiceSend', operation: 'onlineSession.sendInvoice', limit: 30, window: 'minute', waitMs: 30_000, until: at('2026-01-10T13:00:30Z') },
        'UTC',
      ),
    ).toBe('KSeF refused online sends with 429 Too Many Requests (limit 30 per minute); waiting 30 s (until 13:00:30) as it asked — use batch for volume');
    expect(
      describeWait(
        { reason: 'tooManyRequests', group: 'sessionMisc', operation: 'sessions.status', waitMs: 2 * 3_600_000 + 5 * 60_000, until: at('2026-01-10T15:05:00Z') },
        'UTC',
      ),
    ).toBe('KSeF refused session status and UPO reads with 429 Too Many Requests; waiting 2 h 5 min (until 15:05) as it asked');
  });
});
