/* Deterministic randomness for the seed: mulberry32, so the same seed gives
 * byte-identical data on every machine and Node version. */

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [min, max] inclusive. */
export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function chance(rng: Rng, probability: number): boolean {
  return rng() < probability;
}

/** Distinct items, in a deterministic order. */
export function pickSome<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) {
    const [item] = pool.splice(Math.floor(rng() * pool.length), 1);
    out.push(item as T);
  }
  return out;
}

const HEX = '0123456789abcdef';

/** Opaque 24-hex-digit id (looks like a MongoDB ObjectId, as Evo's ids do). */
export function hexId(rng: Rng): string {
  let id = '';
  for (let i = 0; i < 24; i++) id += HEX[Math.floor(rng() * 16)];
  return id;
}

/** Fixed window so timestamps never depend on the clock. */
const START = Date.UTC(2021, 0, 1);
const END = Date.UTC(2026, 0, 1);

export function isoBetween(rng: Rng, fromMs = START, toMs = END): string {
  return new Date(fromMs + Math.floor(rng() * (toMs - fromMs))).toISOString();
}
