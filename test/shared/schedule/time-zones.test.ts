import { describe, expect, it } from 'vitest';
import { EVO_ASSUMPTIONS } from '../../../src/shared/evo/assumptions';
import { resolveTimeZone } from '../../../src/shared/schedule';

describe('resolveTimeZone', () => {
  it.each([
    ['America/New_York', 'America/New_York', 'iana'],
    ['Europe/London', 'Europe/London', 'iana'],
    ['Eastern Standard Time', 'America/New_York', 'windows'],
    ['GMT Standard Time', 'Europe/London', 'windows'],
    ['AUS Eastern Standard Time', 'Australia/Sydney', 'windows'],
    ['Pacific Standard Time', 'America/Los_Angeles', 'windows'],
    ['  Pacific Standard Time ', 'America/Los_Angeles', 'windows'],
  ])('%s → %s', (id, zone, source) => {
    expect(resolveTimeZone(id)).toMatchObject({ zone, source, recognised: true });
  });

  it('maps Windows "India Standard Time" to a valid zone at +05:30', () => {
    const { zone } = resolveTimeZone('India Standard Time');
    expect(['Asia/Kolkata', 'Asia/Calcutta']).toContain(zone);
  });

  it('falls back to the default zone for unknown ids, without throwing', () => {
    expect(resolveTimeZone('Mars/Olympus_Mons')).toEqual({ zone: EVO_ASSUMPTIONS.defaultTimeZone, recognised: false, source: 'unknown', given: 'Mars/Olympus_Mons' });
    expect(resolveTimeZone('Eastern Standard Tim')).toMatchObject({ recognised: false });
  });

  it('uses the default zone when no id is set', () => {
    for (const id of [undefined, null, '', '   ']) expect(resolveTimeZone(id)).toEqual({ zone: EVO_ASSUMPTIONS.defaultTimeZone, recognised: true, source: 'default' });
  });
});
