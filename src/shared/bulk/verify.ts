/* The verify rule and error classification for one staging write. Pure. */
import { TRANSIENT_KINDS, type AppErrorData, type ErrorKind } from '../errors';
import { routingOf } from '../routing-words';

/**
 * A write only counts when the server's answer says the customer now has the target
 * routing. Anything else is "not applied" (never retried: the server answered).
 */
export function verifyWrite(customerId: string, target: boolean, returned: boolean | undefined): AppErrorData | null {
  if (returned === target) return null;
  return {
    kind: 'InvalidResponse',
    customerId,
    operation: 'SetCustomerStagingMode',
    message: `Not applied: the server answered with routing ${routingOf(returned ?? null)} instead of ${routingOf(target)}.`,
  };
}

/** The customer cannot be reached with this sign-in: final for this run, not a failure to retry. */
export const isAccessKind = (kind: ErrorKind): boolean => kind === 'Forbidden' || kind === 'NotFound';

export const isTransientKind = (kind: ErrorKind): boolean => TRANSIENT_KINDS.includes(kind);

/**
 * An error after which the write may or may not have happened (the request could have
 * reached the server): the item's true state must be read back before we record it.
 * A 429 is refused before any work, so it is not ambiguous.
 */
export const isAmbiguousKind = (kind: ErrorKind): boolean =>
  kind === 'ServerError' || kind === 'Network' || kind === 'Timeout' || kind === 'Cancelled' || kind === 'Unexpected' || kind === 'AmbiguousResponse';

/** Counts toward "the server looks down" (not 429: that is the server protecting itself). */
export const isOutageKind = (kind: ErrorKind): boolean => kind === 'ServerError' || kind === 'Network' || kind === 'Timeout';
