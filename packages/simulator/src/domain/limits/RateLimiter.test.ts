import { SimulatorClock } from '../SimulatorClock.js';
import { findOperationRateLimit, operationRateLimits } from './operationRateLimits.js';
import { effectiveApiRateLimits, rateLimitProfile } from './rateLimitProfiles.js';
import { RateLimiter } from './RateLimiter.js';

describe('operationRateLimits (from open-api.json)', () => {
  it('knows the groups and production values of ksef-api.md §10.2', () => {
    const find = (m: string, p: string) => findOperationRateLimit(m, p);
    expect(find('POST', '/sessions/online')).toMatchObject({ group: 'onlineSession', limits: { perSecond: 10, perMinute: 30, perHour: 120 } });
    expect(find('POST', '/sessions/online/20250625-SO-2C3E6C8000-B675CF5D68-07/invoices')).toMatchObject({ group: 'invoiceSend', limits: { perHour: 180 } });
    expect(find('POST', '/sessions/batch/X/close')).toMatchObject({ group: 'batchSession', limits: { perSecond: 10, perMinute: 20, perHour: 60 } });
    expect(find('GET', '/sessions/X/invoices/failed')).toMatchObject({ group: 'sessionInvoiceList', pathTemplate: '/sessions/{referenceNumber}/invoices/failed' });
    expect(find('GET', '/sessions/X/invoices/Y')).toMatchObject({ group: 'invoiceStatus', limits: { perSecond: 30 } });
    expect(find('GET', '/sessions/X/upo/Y')).toMatchObject({ group: 'sessionMisc' });
    expect(find('GET', '/sessions?sessionType=Online')).toMatchObject({ group: 'sessionList', limits: { perSecond: 5, perMinute: 10, perHour: 60 } });
    expect(find('POST', '/invoices/query/metadata')).toMatchObject({ group: 'invoiceMetadata', limits: { perHour: 20 } });
    expect(find('GET', '/invoices/ksef/X')).toMatchObject({ group: 'invoiceDownload', limits: { perHour: 64 } });
    expect(find('POST', '/auth/challenge')).toEqual({ method: 'POST', pathTemplate: '/auth/challenge', group: 'public', limits: { perSecond: 60 } });
    expect(find('GET', '/tokens')).toMatchObject({ group: 'other' });
    expect(find('GET', '/nope')).toBeUndefined();
    expect(operationRateLimits).toHaveLength(78);
  });

  it('reports EffectiveApiRateLimits for the profiles', () => {
    expect(effectiveApiRateLimits(rateLimitProfile('prd')).sessionMisc).toEqual({ perSecond: 10, perMinute: 120, perHour: 1200 });
    expect(effectiveApiRateLimits(rateLimitProfile('relaxed')).sessionList).toEqual({ perSecond: 50, perMinute: 100, perHour: 600 });
    expect(Object.keys(effectiveApiRateLimits(rateLimitProfile('off')))).toHaveLength(12);
  });
});

describe('RateLimiter', () => {
  it('enforces the per-minute window of sessionList (10/min) and says when to retry', () => {
    const clock = SimulatorClock.frozen('2026-01-01T10:00:00Z');
    const limiter = new RateLimiter(clock, rateLimitProfile('prd'));
    for (let i = 0; i < 10; i++) {
      expect(limiter.check('ctx', 'sessionList')).toEqual({ allowed: true });
      clock.advance(i % 5 === 4 ? 1000 : 0); // stay under 5/s
    }
    const refused = limiter.check('ctx', 'sessionList');
    expect(refused).toMatchObject({ allowed: false, window: 'minute', limit: 10 });
    // the first request was at t=0, now is t=2s → it leaves the window at t=60s
    expect(!refused.allowed && refused.retryAfterSeconds).toBe(58);
    expect(limiter.check('other-ctx', 'sessionList')).toEqual({ allowed: true });
    clock.advance(57_000);
    expect(limiter.check('ctx', 'sessionList').allowed).toBe(false);
    clock.advance(1_000);
    expect(limiter.check('ctx', 'sessionList').allowed).toBe(true);
  });

  it('enforces the per-second window and the hourly cap', () => {
    const clock = SimulatorClock.frozen('2026-01-01T10:00:00Z');
    const limiter = new RateLimiter(clock, rateLimitProfile('prd'));
    for (let i = 0; i < 8; i++) expect(limiter.check('c', 'invoiceMetadata').allowed).toBe(true);
    expect(limiter.check('c', 'invoiceMetadata')).toMatchObject({ allowed: false, window: 'second', retryAfterSeconds: 1 });
    clock.advance(60_000);
    for (let i = 0; i < 12; i++) {
      expect(limiter.check('c', 'invoiceMetadata').allowed).toBe(true);
      clock.advance(4_000);
    }
    // 20 in the hour now
    const refused = limiter.check('c', 'invoiceMetadata');
    expect(refused).toMatchObject({ allowed: false, window: 'hour', limit: 20 });
    expect(!refused.allowed && refused.retryAfterSeconds).toBe(3600 - 60 - 48);
  });

  it('relaxed allows ten times more and off allows everything', () => {
    const clock = SimulatorClock.frozen();
    const relaxed = new RateLimiter(clock, rateLimitProfile('relaxed'));
    for (let i = 0; i < 50; i++) expect(relaxed.check('c', 'sessionList').allowed).toBe(true);
    expect(relaxed.check('c', 'sessionList').allowed).toBe(false);
    const off = new RateLimiter(clock, rateLimitProfile('off'));
    for (let i = 0; i < 1000; i++) expect(off.check('c', 'public').allowed).toBe(true);
    off.setProfile(rateLimitProfile('prd'));
    for (let i = 0; i < 60; i++) expect(off.check('ip', 'public').allowed).toBe(true);
    expect(off.check('ip', 'public').allowed).toBe(false);
  });
});
