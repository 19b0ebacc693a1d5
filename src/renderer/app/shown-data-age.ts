/* How old the offline data on screen is, derived from React Query itself (no copy kept in a
 * store): the oldest `fetchedAt` among the answers from the offline copy (`source: 'cache'`)
 * that some mounted screen is observing right now. */
import { useSyncExternalStore } from 'react';
import { useQueryClient, type QueryCache } from '@tanstack/react-query';

function isCacheAnswer(data: unknown): data is { source: 'cache'; fetchedAt: number } {
  return typeof data === 'object' && data !== null && (data as { source?: unknown }).source === 'cache' && typeof (data as { fetchedAt?: unknown }).fetchedAt === 'number';
}

export function oldestShownCacheData(cache: QueryCache): number | null {
  let oldest: number | null = null;
  for (const query of cache.getAll()) {
    if (query.getObserversCount() === 0) continue;
    const data: unknown = query.state.data;
    if (isCacheAnswer(data)) oldest = oldest === null ? data.fetchedAt : Math.min(oldest, data.fetchedAt);
  }
  return oldest;
}

export function useOldestShownCacheData(): number | null {
  const cache = useQueryClient().getQueryCache();
  return useSyncExternalStore(
    (onChange) => cache.subscribe(onChange),
    () => oldestShownCacheData(cache),
    () => null,
  );
}
