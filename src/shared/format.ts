/* Dates, durations and counts as support staff read them: one copy for the desktop app and
 * the CLI, so both say "3 min 05 s" and "1 customer". Pure. */

export type DateInput = string | number | Date | undefined | null;

function toDate(value: DateInput): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** "2026-11-27 03:56" in the user's zone; the raw text when it does not parse (the API's date format is UNCONFIRMED). */
export function formatDateTime(value: DateInput): string {
  const d = toDate(value);
  if (!d) return value === undefined || value === null || value === '' ? '—' : String(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function formatAge(value: DateInput, now: number = Date.now()): string {
  const d = toDate(value);
  if (!d) return 'unknown age';
  const seconds = Math.max(0, Math.round((now - d.getTime()) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/** "1 h 02 min", "3 min 05 s", "12 s". */
export function formatDuration(ms: number | undefined | null): string {
  if (ms === undefined || ms === null || !Number.isFinite(ms)) return '—';
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(s).padStart(2, '0')} s`;
  return `${s} s`;
}

/** "1 customer", "2 customers", "1,200 customers"; `many` for irregular plurals. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
