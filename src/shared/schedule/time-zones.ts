/* Resolve a schedule's `timeZoneId` to an IANA zone. The id format is UNCONFIRMED (REFERENCE §1.4),
 * so both IANA ("America/New_York") and Windows ("Eastern Standard Time") names are accepted.
 * Never throws: an unknown id falls back to the default zone and says so, so callers can show it. */
import { IANAZone } from 'luxon';
import { findIana } from 'windows-iana';
import { EVO_ASSUMPTIONS } from '../evo/assumptions';

export interface ResolvedTimeZone {
  /** IANA zone the schedule is evaluated in. */
  zone: string;
  /** False when `timeZoneId` was set but matched no IANA or Windows zone (then `zone` is the default). */
  recognised: boolean;
  /** How the id was read. */
  source: 'iana' | 'windows' | 'default' | 'unknown';
  /** The id as given (trimmed), or undefined when the schedule had none. */
  given?: string;
}

const cache = new Map<string, ResolvedTimeZone>();

export function defaultTimeZone(): string {
  return EVO_ASSUMPTIONS.defaultTimeZone;
}

export function resolveTimeZone(timeZoneId: string | null | undefined): ResolvedTimeZone {
  const given = typeof timeZoneId === 'string' ? timeZoneId.trim() : '';
  if (given === '') return { zone: defaultTimeZone(), recognised: true, source: 'default' };
  const cached = cache.get(given);
  if (cached) return cached;
  const resolved = resolveUncached(given);
  cache.set(given, resolved);
  return resolved;
}

function resolveUncached(given: string): ResolvedTimeZone {
  if (IANAZone.isValidZone(given)) return { zone: given, recognised: true, source: 'iana', given };
  // '001' is CLDR's "golden" territory: the zone Windows itself treats as canonical for the name.
  const candidates = [...findIana(given, '001'), ...findIana(given)];
  const zone = candidates.find((name) => IANAZone.isValidZone(name));
  if (zone) return { zone, recognised: true, source: 'windows', given };
  return { zone: defaultTimeZone(), recognised: false, source: 'unknown', given };
}
