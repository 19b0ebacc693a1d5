/* Preferences of this computer, not of the work: colour mode, the list/detail split, column
 * widths. Kept in the renderer's localStorage (the app:// origin is fixed, so they survive
 * restarts; nothing secret or user-specific goes here), and they survive sign-out on purpose.
 * A missing, damaged or out-of-range value reads as the default. */

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

/** @param accept the value when it is valid, undefined otherwise (kept tiny: no schema library in the page) */
export function readPreference<T>(key: string, accept: (value: unknown) => T | undefined, fallback: T): T {
  const raw = storage()?.getItem(key);
  if (raw === null || raw === undefined) return fallback;
  try {
    return accept(JSON.parse(raw)) ?? fallback;
  } catch {
    return fallback;
  }
}

/** A number within [min, max], or undefined. */
export const numberIn = (min: number, max: number) => (value: unknown) => (typeof value === 'number' && value >= min && value <= max ? value : undefined);

/** One of the given strings, or undefined. */
export const oneOf =
  <T extends string>(...choices: T[]) =>
  (value: unknown) =>
    choices.includes(value as T) ? (value as T) : undefined;

/** A record of numbers within [min, max] (invalid entries dropped), or undefined. */
export const numbersIn = (min: number, max: number) => (value: unknown) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const accept = numberIn(min, max);
  return Object.fromEntries(Object.entries(value).filter(([, v]) => accept(v) !== undefined)) as Record<string, number>;
};

export function writePreference(key: string, value: unknown): void {
  try {
    storage()?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or disabled storage: the preference lasts for this window only.
  }
}
