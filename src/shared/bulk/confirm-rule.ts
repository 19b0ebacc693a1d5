/* Shared by the desktop confirm dialog and the evo-console CLI. When a bulk change must be confirmed by typing the number of customers it changes:
 * a mistyped click must not flip routing for many customers, nor for any customer on the
 * production server (where real calls are routed). */

/** More customers than this needs the typed count. */
export const TYPED_CONFIRM_THRESHOLD = 25;

export function requiresTypedCount(changeCount: number, serverIsProduction: boolean): boolean {
  return serverIsProduction || changeCount > TYPED_CONFIRM_THRESHOLD;
}

/** The typed text confirms when it is the count, ignoring spaces and thousands separators. */
export function typedCountMatches(typed: string, changeCount: number): boolean {
  const digits = typed.replace(/[\s,._']/g, '');
  return /^\d+$/.test(digits) && Number(digits) === changeCount;
}
