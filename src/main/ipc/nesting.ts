/* What crosses to the window is bounded in nesting. Electron's contextBridge refuses a value
 * nested deeper than 1000 objects ("recursion depth exceeded"), so one customer whose `data`
 * nests 700 Values (≈2,000 objects) would fail the whole answer it is in: its own view, and the
 * page of children or search results it is listed on. The screens show such data only to
 * EVO_ASSUMPTIONS.dataDisplayDepth levels; the full value stays in the offline copy and in the
 * CLI's --json output. */

/** Objects and arrays nested deeper than this are replaced by TOO_DEEP_FOR_THE_WINDOW (well below
 *  Electron's 1000, well above what a screen shows: 12 Values are about 40 levels). */
export const IPC_MAX_NESTING = 100;
export const TOO_DEEP_FOR_THE_WINDOW = '… (nested too deeply to show)';

/** `value` with everything below `maxNesting` levels of objects/arrays replaced; unchanged parts
 * are the same objects (nothing is copied when nothing is too deep). */
export function limitNesting(value: unknown, maxNesting = IPC_MAX_NESTING): unknown {
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (depth >= maxNesting) return TOO_DEEP_FOR_THE_WINDOW;
    if (Array.isArray(v)) {
      let copy: unknown[] | undefined;
      v.forEach((item, i) => {
        const limited = walk(item, depth + 1);
        if (limited !== item) (copy ??= [...v])[i] = limited;
      });
      return copy ?? v;
    }
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(v)) {
      const limited = walk(item, depth + 1);
      if (limited !== item) (copy ??= { ...v })[key] = limited;
    }
    return copy ?? v;
  };
  return walk(value, 0);
}
