/* Preferences of this computer, not of the work: colour mode, the list/detail split, column
 * widths. Kept in the renderer's localStorage (the app:// origin is fixed, so they survive
 * restarts; nothing secret or user-specific goes here), and they survive sign-out on purpose.
 * A missing, damaged or out-of-range value reads as the default. */
import type { z } from 'zod';

export const PREFERENCE_KEYS = {
  colorMode: 'evo.colorMode',
  columnSizes: 'evo.columnSizes',
  /** The list's share of the console's width (SplitPane). */
  consoleSplit: 'evo.consoleSplit',
} as const;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled: preferences last for this window only
  }
}

export function readPreference<T>(key: string, schema: z.ZodType<T>, fallback: T): T {
  const raw = storage()?.getItem(key);
  if (raw === null || raw === undefined) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

export function writePreference(key: string, value: unknown): void {
  try {
    storage()?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or disabled storage: the preference lasts for this window only.
  }
}
