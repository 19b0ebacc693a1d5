/* How fast the console may send requests to one server right now, as progress shows it. */

export interface RequestRate {
  /** Requests per second the console paces itself to; null = not paced (only the number of
   *  requests at once bounds it: the server has not asked to slow down and no ceiling is set). */
  perSecond: number | null;
  /** The ceiling the person set (app setting, --max-rate), null when none. */
  ceiling: number | null;
  /** The server asked to slow down (429/503) within the last few seconds. */
  throttled: boolean;
}

/** Bounds of the ceiling a person may set (requests per second). */
export const MIN_RATE_CEILING = 1;
export const MAX_RATE_CEILING = 1000;

/** "12.5/s (server is throttling)", "not limited", "max 20/s". */
export function describeRequestRate(rate: RequestRate): string {
  const pace = rate.perSecond === null ? 'not limited' : `${formatRate(rate.perSecond)}/s`;
  const ceiling = rate.ceiling !== null && (rate.perSecond === null || rate.perSecond >= rate.ceiling) ? ` (your maximum ${formatRate(rate.ceiling)}/s)` : '';
  return `${pace}${ceiling}${rate.throttled ? ', server is throttling' : ''}`;
}

const formatRate = (n: number) => (n >= 10 ? String(Math.round(n)) : n.toFixed(1));
