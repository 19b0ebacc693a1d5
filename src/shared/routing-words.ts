/* The words for a customer's call routing (its `isStaging` flag), in one place for the
 * console, the CLI and the docs. They are deliberately NOT the server's environment words:
 * "production" names the Evo Voice server you are signed in to (the banner's red badge), so
 * routing says "staging" or "normal", never "production". */
import type { TargetState } from './bulk/types';

export type Routing = 'staging' | 'normal' | 'unknown';

export function routingOf(isStaging: boolean | null | undefined): Routing {
  return isStaging === true ? 'staging' : isStaging === false ? 'normal' : 'unknown';
}

/** A bulk target (the API's and the CLI's `staging` / `production`) as a routing. */
export function routingOfTarget(target: TargetState): Exclude<Routing, 'unknown'> {
  return target === 'staging' ? 'staging' : 'normal';
}

export interface RoutingWords {
  /** In a table cell or pill: one word. */
  label: string;
  /** "Call routing: …" in a sentence. */
  description: string;
  /** After "Move N customers ": where to. */
  moveTo: string;
}

export const ROUTING_WORDS: Record<Routing, RoutingWords> = {
  staging: { label: 'Staging', description: 'calls go to the staging server', moveTo: 'to staging' },
  normal: { label: 'Normal', description: 'calls are handled normally (not staging)', moveTo: 'back to normal routing' },
  unknown: { label: 'Unknown', description: 'the server did not say', moveTo: '' },
};

/** A bulk target in a sentence ("changed to …", "already on …"): `staging` or `normal routing`. */
export function targetWords(target: TargetState): string {
  return target === 'staging' ? 'staging' : 'normal routing';
}

/** What staging does to a customer's live calls, in one line (README, confirm dialog, CLI help). */
export const STAGING_EFFECT =
  "Staging routes the customer's phone numbers to the staging server: its live calls are answered there, not by the normal call handling, until it is moved back.";
