/* Live progress of bulk runs. The console mounts useTrackRunProgress once (so events are not
 * missed while the bulk tab is closed); screens read one run's latest progress, which is the
 * 'bulk:status' query kept fresh by the 'bulk:progress' events, and its failures so far, kept
 * from the 'bulk:itemSettled' events. Each customer a run changes is updated at once in every
 * customer query on screen (the table's routing and last-change columns, the open customer,
 * quick jump). */
import { useCallback } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ItemSettled, RunProgress } from '../../../shared/bulk/types';
import type { CustomerListResult, CustomerResult } from '../../../shared/customers';
import type { Customer } from '../../../shared/evo/schemas';
import type { ChannelName } from '../../../shared/ipc/contract';
import { evoQueryKey, useEvoEvent, useEvoQuery } from '../../app/hooks';

const statusKey = (runId: string) => evoQueryKey('bulk:status', { runId });
/** Not a channel: the failures of a live run as its events reported them. */
const failuresKey = (runId: string) => ['bulk:itemSettled', 'failed', runId] as const;

/** The customer lists on screen (the table's pages, quick jump's finds), named from the contract. */
const CUSTOMER_LISTS: readonly ChannelName[] = ['customers:children', 'customers:find'];

/** A settled customer's new routing (and its last change, when the server said it), in every customer query that holds it. */
function applySettled(client: QueryClient, item: ItemSettled & { after: boolean }): void {
  const changes: Partial<Customer> = { isStaging: item.after };
  if (item.lastModified) {
    changes.dateLastModified = item.lastModified.at;
    if (item.lastModified.by !== null) changes.lastModifiedBy = item.lastModified.by;
  }
  const inList = (old: CustomerListResult | undefined) =>
    old?.items.some((c) => c.id === item.customerId) ? { ...old, items: old.items.map((c) => (c.id === item.customerId ? { ...c, ...changes } : c)) } : old;
  for (const list of CUSTOMER_LISTS) client.setQueriesData<CustomerListResult>({ queryKey: [list] }, inList);
  client.setQueriesData<CustomerResult>({ queryKey: evoQueryKey('customers:get', { id: item.customerId }) }, (old) => (old ? { ...old, customer: { ...old.customer, ...changes } } : old));
}

export function useTrackRunProgress(): void {
  const client = useQueryClient();
  const onProgress = useCallback(
    (progress: RunProgress) => {
      client.setQueryData(statusKey(progress.runId), progress);
      if (progress.state === 'completed' || progress.state === 'cancelled') {
        // The run's outcome changes history and the routing of customers on screen.
        void client.invalidateQueries({ queryKey: evoQueryKey('runs:list') });
        void client.invalidateQueries({ queryKey: evoQueryKey('runs:get', { runId: progress.runId }) });
        void client.invalidateQueries({ predicate: (q) => /^(customers|staging):/.test(String(q.queryKey[0])) });
      }
    },
    [client],
  );
  const onItem = useCallback(
    (item: ItemSettled) => {
      if (item.after !== null) applySettled(client, { ...item, after: item.after });
      // A failure read back as changed afterwards leaves the list.
      const others = (old: ItemSettled[] = []) => old.filter((f) => f.customerId !== item.customerId);
      if (item.outcome === 'failed') client.setQueryData<ItemSettled[]>(failuresKey(item.runId), (old) => [...others(old), item]);
      else if (client.getQueryData(failuresKey(item.runId))) client.setQueryData<ItemSettled[]>(failuresKey(item.runId), others);
    },
    [client],
  );
  useEvoEvent('bulk:progress', onProgress);
  useEvoEvent('bulk:itemSettled', onItem);
}

export function useRunProgress(runId: string | null) {
  // Events keep it fresh while the console is shown; on (re)mount — e.g. after signing in
  // again, when events were missed — read the run's state from main once more.
  return useEvoQuery('bulk:status', [{ runId: runId ?? '' }], { enabled: runId !== null, staleTime: Infinity, refetchOnMount: 'always' });
}

/** Failures of a live run reported by its events (the run's detail has the ones before this screen). */
export function useLiveFailures(runId: string | null): ItemSettled[] {
  const client = useQueryClient();
  const key = failuresKey(runId ?? '');
  return useQuery({ queryKey: key, queryFn: () => client.getQueryData<ItemSettled[]>(key) ?? [], enabled: runId !== null, staleTime: Infinity }).data ?? [];
}
