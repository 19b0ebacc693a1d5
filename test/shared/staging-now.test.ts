import { describe, expect, it } from 'vitest';
import { DUE_SOON_MS, parseReturnBy, returnUrgency } from '../../src/shared/staging-now';

const now = new Date('2026-11-29T10:00:00.000Z');

describe('parseReturnBy', () => {
  it('reads durations from now and ISO times', () => {
    expect(parseReturnBy('2h', now)).toEqual({ returnBy: '2026-11-29T12:00:00.000Z' });
    expect(parseReturnBy('1h30m', now)).toEqual({ returnBy: '2026-11-29T11:30:00.000Z' });
    expect(parseReturnBy(' 1d ', now)).toEqual({ returnBy: '2026-11-30T10:00:00.000Z' });
    expect(parseReturnBy('2026-11-29T18:00:00+01:00', now)).toEqual({ returnBy: '2026-11-29T17:00:00.000Z' });
  });

  it('says what is wrong with anything else', () => {
    expect(parseReturnBy('soon', now)).toEqual({ error: expect.stringContaining('"soon" is not a return-by time') });
    expect(parseReturnBy('2026-11-29T09:00:00Z', now)).toEqual({ error: expect.stringContaining('not in the future') });
    expect(parseReturnBy('40d', now)).toEqual({ error: expect.stringContaining('more than 30 days away') });
    expect(parseReturnBy('2026-13-45T99:00', now)).toEqual({ error: expect.stringContaining('not a valid time') });
  });
});

describe('returnUrgency', () => {
  it('is due within DUE_SOON_MS, overdue at or after the time, nothing before', () => {
    const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
    expect(returnUrgency(at(DUE_SOON_MS + 1), now.getTime())).toBeNull();
    expect(returnUrgency(at(DUE_SOON_MS), now.getTime())).toBe('due');
    expect(returnUrgency(at(0), now.getTime())).toBe('overdue');
    expect(returnUrgency('not a time', now.getTime())).toBeNull();
  });
});
