import { useState } from 'react';
import { useQueries } from '@tanstack/react-query';
import type { Customer } from '../../../shared/evo/schemas';
import { callEvo, useEvo } from '../../app/evo';
import { evoQueryKey, useEvoQuery } from '../../app/hooks';
import { useConnectivity } from '../offline/use-connectivity';
import { inheritedSource, type AncestorRead } from './inherited-source';
import { ScheduleView } from './ScheduleView';

/** A customer's schedule with the server's answers: the inherited schedule (when it
 * inherits; offline, main answers it from the cached ancestors) and whose it is
 * (inherited-source.ts), and TestSchedule for "state now". Offline, the picture still works. */
export function CustomerSchedule({ customer }: { customer: Customer }) {
  const evo = useEvo();
  const [now] = useState(() => new Date().toISOString());
  const online = useConnectivity()?.state !== 'offline';
  const inherits = customer.schedule?.inherit === true;
  const inherited = useEvoQuery('customers:inheritedSchedule', [{ id: customer.id }], { enabled: inherits });
  const stateNow = useEvoQuery('customers:testSchedule', [{ id: customer.id, dateTime: now }], { enabled: online, staleTime: 60_000 });
  const crumbs = inherits ? (customer.breadcrumb ?? []).filter((b) => b.id && b.id !== customer.id) : [];
  const ancestors = useQueries({
    queries: crumbs.map((b) => ({ queryKey: evoQueryKey('customers:get', { id: b.id }), queryFn: () => callEvo(evo, 'customers:get', { id: b.id }), staleTime: 30_000 })),
  });
  const reads: AncestorRead[] = crumbs.map((b, i) => {
    const q = ancestors[i];
    return { id: b.id, name: b.name ?? b.id, schedule: q?.data ? (q.data.customer.schedule ?? null) : undefined, failed: q?.isError === true };
  });
  return (
    <ScheduleView
      customerName={customer.name ?? customer.id}
      inheritedFrom={inherits ? inheritedSource(reads, inherited.data?.schedule) : undefined}
      schedule={customer.schedule}
      inherited={inherited.data?.schedule}
      inheritedError={inherited.error?.toData() ?? null}
      stateNow={stateNow.data ? { stateName: stateNow.data.stateName ?? '', timeZoneId: stateNow.data.timeZoneId ?? '', at: now } : undefined}
      stateNowError={stateNow.error?.toData() ?? null}
      offline={!online}
      now={now}
    />
  );
}
