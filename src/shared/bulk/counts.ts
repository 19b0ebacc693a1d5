/* Counting outcomes and the target-state words. Pure. */
import { FINAL_OUTCOMES, type ItemOutcome, type OutcomeCounts, type TargetState } from './types';

export const emptyCounts = (): OutcomeCounts => ({
  total: 0,
  pending: 0,
  inFlight: 0,
  changed: 0,
  alreadyInState: 0,
  failed: 0,
  skipped: 0,
  notAccessible: 0,
  cancelled: 0,
});

export function countOutcomes(items: Iterable<{ outcome: ItemOutcome }>): OutcomeCounts {
  const counts = emptyCounts();
  for (const item of items) {
    counts.total += 1;
    counts[item.outcome] += 1;
  }
  return counts;
}

export const isFinalOutcome = (outcome: ItemOutcome): boolean => FINAL_OUTCOMES.includes(outcome);

/** Items with a final outcome. */
export const doneOf = (c: OutcomeCounts): number => c.total - c.pending - c.inFlight;

export const targetToIsStaging = (target: TargetState): boolean => target === 'staging';
export const isStagingToTarget = (isStaging: boolean): TargetState => (isStaging ? 'staging' : 'production');
/** Routing in the API's words (staging / production / unknown): for data — JSON documents and audit exports — where it sits beside a run's `target`. */
export const routingAsTarget = (isStaging: boolean | null): TargetState | 'unknown' => (isStaging === null ? 'unknown' : isStagingToTarget(isStaging));
