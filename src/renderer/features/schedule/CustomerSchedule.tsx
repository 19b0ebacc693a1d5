import { useState } from 'react';
import type { Customer } from '../../../shared/evo/schemas';
import { useEvoQuery } from '../../app/hooks';
import { useConnectivity } from '../offline/use-connectivity';
import { ScheduleView } from './ScheduleView';

/** A customer's schedule with the server's answers: the inherited schedule (when it
 * inherits; offline, main answers it from the cached ancestors) and TestSchedule for
 * "state now". Offline, the picture still works. */
export function CustomerSchedule({ customer }: { customer: Customer }) {
  const [now] = useState(() => new Date().toISOString());
  const online = useConnectivity()?.state !== 'offline';
  const inherits = customer.schedule?.inherit === true;
  const inherited = useEvoQuery('customers:inheritedSchedule', [{ id: customer.id }], { enabled: inherits });
  const stateNow = useEvoQuery('customers:testSchedule', [{ id: customer.id, dateTime: now }], { enabled: online, staleTime: 60_000 });
  return (
    <ScheduleView
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
