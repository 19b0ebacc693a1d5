/* The run's failures as the progress screen lists them. Pure. */
import type { ItemSettled, RunItem } from '../../../shared/bulk/types';

/** The run's failures: those in its detail (read when the screen opened), then those its events reported since. */
export function mergeFailures(fromDetail: readonly RunItem[], live: readonly ItemSettled[]): { customerId: string; name: string; message: string }[] {
  const byId = new Map<string, { customerId: string; name: string; message: string }>();
  const describe = (error: RunItem['error']) => (error ? `${error.kind}: ${error.message}` : 'failed (no reason recorded)');
  for (const i of fromDetail) if (i.outcome === 'failed') byId.set(i.customerId, { customerId: i.customerId, name: i.name || i.customerId, message: describe(i.error) });
  for (const f of live) byId.set(f.customerId, { customerId: f.customerId, name: f.name || f.customerId, message: describe(f.error) });
  return [...byId.values()];
}
