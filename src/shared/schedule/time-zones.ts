/* Resolve a schedule's `timeZoneId` to an IANA zone. The id format is UNCONFIRMED
 * (assumptions.timeZoneIdFormats in src/shared/evo/assumptions.ts), so both IANA ("America/New_York") and Windows ("Eastern Standard Time") names are accepted.
 * Never throws: an unknown id falls back to the default zone and says so, so callers can show it. */
import { IANAZone } from 'luxon';
import { findIana, WINDOWS_TO_IANA_MAP } from 'windows-iana';
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
  if (IANAZone.isValidZone(given)) return { zone: canonicalIana(given), recognised: true, source: 'iana', given };
  const windowsName = windowsNameFor(given);
  if (windowsName) {
    // '001' is CLDR's "golden" territory: the zone Windows itself treats as canonical for the name.
    const zone = [...findIana(windowsName, '001'), ...findIana(windowsName)].find((name) => IANAZone.isValidZone(name));
    if (zone) return { zone: canonicalIana(zone), recognised: true, source: 'windows', given };
  }
  return { zone: defaultTimeZone(), recognised: false, source: 'unknown', given };
}

let windowsNamesByLowerCase: Map<string, string> | undefined;

/** Windows names are matched case-insensitively (hand-typed data is not always exact). */
function windowsNameFor(given: string): string | undefined {
  windowsNamesByLowerCase ??= new Map(WINDOWS_TO_IANA_MAP.map((entry) => [entry.windowsName.toLowerCase(), entry.windowsName as string]));
  return windowsNamesByLowerCase.get(given.toLowerCase());
}

/** The zone's canonical spelling ("america/new_york" → "America/New_York") as the runtime's ICU knows it. */
function canonicalIana(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone || zone;
  } catch {
    return zone;
  }
}
