import { SimulatorClock } from './SimulatorClock.js';

describe('SimulatorClock', () => {
  it('stands still when frozen and moves only when told', () => {
    const clock = SimulatorClock.frozen('2026-01-01T00:00:00Z');
    expect(clock.mode).toBe('frozen');
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    clock.advance(12 * 3600_000);
    expect(clock.now().toISOString()).toBe('2026-01-01T12:00:00.000Z');
    clock.set('2027-05-05T05:05:05.005Z');
    expect(clock.nowMs()).toBe(Date.parse('2027-05-05T05:05:05.005Z'));
  });

  it('follows real time plus an offset in system mode', () => {
    let real = 1_000_000;
    const clock = SimulatorClock.system(500, () => real);
    expect(clock.mode).toBe('system');
    expect(clock.nowMs()).toBe(1_000_500);
    real += 10;
    expect(clock.nowMs()).toBe(1_000_510);
    clock.advance(90);
    expect(clock.nowMs()).toBe(1_000_600);
    clock.set(5_000_000);
    real += 1;
    expect(clock.nowMs()).toBe(5_000_001);
  });

  it('freezes and resumes without jumping', () => {
    let real = 100;
    const clock = SimulatorClock.system(0, () => real);
    clock.freeze();
    real = 200;
    expect(clock.nowMs()).toBe(100);
    clock.resume();
    expect(clock.nowMs()).toBe(100);
    real = 250;
    expect(clock.nowMs()).toBe(150);
  });

  it('rejects invalid moves', () => {
    const clock = SimulatorClock.frozen();
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(() => clock.set('not a date')).toThrow(RangeError);
  });
});
