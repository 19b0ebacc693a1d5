/* ServiceStack-style request binding: case-insensitive keys, list values as
 * comma-separated strings or repeated keys, booleans true/false. */
import { validationFailed } from './errors';

export type RawQuery = Record<string, string | string[] | undefined>;

export class QueryReader {
  private readonly values = new Map<string, string[]>();

  constructor(query: unknown) {
    for (const [key, value] of Object.entries((query ?? {}) as RawQuery)) {
      if (value === undefined) continue;
      const list = Array.isArray(value) ? value : [value];
      const lower = key.toLowerCase();
      this.values.set(lower, [...(this.values.get(lower) ?? []), ...list]);
    }
  }

  string(name: string): string | undefined {
    const list = this.values.get(name.toLowerCase());
    return list === undefined ? undefined : list.join(',');
  }

  /** Comma-separated and repeated values, flattened; empty items dropped. */
  list(name: string): string[] | undefined {
    const list = this.values.get(name.toLowerCase());
    if (list === undefined) return undefined;
    return list.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v.length > 0);
  }

  bool(name: string): boolean | undefined {
    const raw = this.string(name);
    if (raw === undefined || raw === '') return undefined;
    const lower = raw.toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
    throw validationFailed([{ field: pascal(name), code: 'InvalidValue', message: `'${raw}' is not a boolean` }]);
  }

  int(name: string, min: number): number | undefined {
    const raw = this.string(name);
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) {
      throw validationFailed([{ field: pascal(name), code: 'InvalidValue', message: `'${raw}' is not a whole number ≥ ${min}` }]);
    }
    return value;
  }
}

export function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Reads a body field case-insensitively (ServiceStack binds JSON keys that way). */
export function bodyField(body: unknown, name: string): unknown {
  if (body === null || typeof body !== 'object') return undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(body)) if (key.toLowerCase() === lower) return value;
  return undefined;
}
