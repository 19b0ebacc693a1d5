/* One RequestLimiter per server, shared by every client and caller of that server (so one
 * server's throttling never slows another), and the person's request-rate ceiling, which applies
 * to all of them. The ceiling is kept in the settings file (shared by the app and the CLI). */
import { MAX_RATE_CEILING, MIN_RATE_CEILING, type RequestRate } from '../../shared/request-rate';
import { RequestLimiter } from './limiter';
import type { SettingsStore } from '../settings/settings-store';

const PREFERENCE = 'requestRateCeiling';

export class ServerLimiters {
  private readonly byServer = new Map<string, RequestLimiter>();
  private ceilingPerSecond: number | null;

  constructor(
    private readonly settings: Pick<SettingsStore, 'preferences' | 'setPreference'>,
    /** Test and bench seam: this one limiter for every server. */
    private readonly shared?: RequestLimiter,
  ) {
    this.ceilingPerSecond = readCeiling(settings.preferences()[PREFERENCE]);
    shared?.setCeiling(this.ceilingPerSecond);
  }

  /** The limiter of the server at `baseUrl` (made on first use, with the ceiling). */
  for(baseUrl: string): RequestLimiter {
    if (this.shared) return this.shared;
    let limiter = this.byServer.get(baseUrl);
    if (!limiter) {
      limiter = new RequestLimiter({ requestsPerSecond: this.ceilingPerSecond });
      this.byServer.set(baseUrl, limiter);
    }
    return limiter;
  }

  rate(baseUrl: string | null): RequestRate | null {
    return baseUrl ? this.for(baseUrl).rate() : null;
  }

  ceiling(): number | null {
    return this.ceilingPerSecond;
  }

  /** Sets the ceiling for every server; `persist` keeps it in the settings (the app's setting;
   *  the CLI's --max-rate holds for one command only). */
  setCeiling(perSecond: number | null, persist: boolean): number | null {
    this.ceilingPerSecond = readCeiling(perSecond);
    for (const limiter of this.shared ? [this.shared] : this.byServer.values()) limiter.setCeiling(this.ceilingPerSecond);
    if (persist) this.settings.setPreference(PREFERENCE, this.ceilingPerSecond ?? undefined);
    return this.ceilingPerSecond;
  }
}

/** A stored or given ceiling, or null when it is none or not a valid one. */
function readCeiling(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_RATE_CEILING && value <= MAX_RATE_CEILING ? value : null;
}
