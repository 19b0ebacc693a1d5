/* Which customers an undo may set back. Pure. */
import type { RunItem } from './types';

export interface UndoSelection {
  /** Changed by the run and still as the run left them: set back to `before`. */
  revert: RunItem[];
  /** Changed by the run, since changed again by someone else: left alone. */
  changedSince: { item: RunItem; now: boolean }[];
  /** Changed by the run, no longer readable. */
  notAccessible: RunItem[];
}

/**
 * Only items the run actually changed (outcome `changed`, with a known `before`) are
 * candidates; `current` is a fresh read (absent = not accessible now).
 */
export function selectUndo(items: readonly RunItem[], current: ReadonlyMap<string, boolean>): UndoSelection {
  const selection: UndoSelection = { revert: [], changedSince: [], notAccessible: [] };
  for (const item of items) {
    if (item.outcome !== 'changed' || item.before === null || item.before === item.target) continue;
    const now = current.get(item.customerId);
    if (now === undefined) selection.notAccessible.push(item);
    else if (now === item.target) selection.revert.push(item);
    else selection.changedSince.push({ item, now });
  }
  return selection;
}

/** Items a retryFailed run takes over. */
export const failedItems = (items: readonly RunItem[]): RunItem[] => items.filter((i) => i.outcome === 'failed');
