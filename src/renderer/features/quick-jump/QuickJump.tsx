import { useEffect, useState } from 'react';
import type { ReferenceIdCoverage } from '../../../shared/customers';
import type { Customer } from '../../../shared/evo/schemas';
import { ROUTING_WORDS, routingOfTarget } from '../../../shared/routing-words';
import { useEvoQuery } from '../../app/hooks';
import { formatAge } from '../../shared-ui';
import { useConsoleStore } from '../../app/console-store';
import { useUiStore } from '../../app/ui-store';
import { useGlobalKey } from '../../app/use-global-key';
import { useNavigate } from '../browser/use-navigation';
import { isQuickJumpKey } from '../browser/list-keys';
import { usePreparePlan } from '../bulk/use-prepare-plan';
import { toggleAsk, toggleLabel } from '../customer/RoutingToggle';
import { useRoutingChangeBlockedReason } from '../bulk/use-prepare-plan';
import { QuickJumpDialog, type QuickJumpAction } from './QuickJumpDialog';

/** Debounce typing so the server sees one search per pause, not one per key. */
function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

/** How far a reference-id match looked (the API has no reference-id filter: the offline copy is searched). */
function coverageNote(coverage: ReferenceIdCoverage | undefined): string | undefined {
  if (!coverage || coverage.copy === 'account') return coverage?.syncedAt ? `Reference ids: account listed ${formatAge(coverage.syncedAt)}` : undefined;
  return coverage.copy === 'partial' ? 'Reference ids: only among customers seen so far' : 'Reference ids: no offline copy yet';
}

/** Ctrl/Cmd+K anywhere in the console: find any customer by name, reference id or id
 * (CustomerService.find: server online, cache offline), then go there, move its routing, or plan its subtree. */
export function QuickJump() {
  const open = useConsoleStore((s) => s.quickJumpOpen);
  const setOpen = useConsoleStore((s) => s.setQuickJumpOpen);
  const navigate = useNavigate();
  const askRoutingChange = useUiStore((s) => s.askRoutingChange);
  const preparePlan = usePreparePlan();
  const blocked = useRoutingChangeBlockedReason();
  const [query, setQuery] = useState('');
  const text = useDebounced(query.trim(), 200);
  const results = useEvoQuery('customers:find', [{ text, limit: 50 }], { enabled: open && text.length > 0 });

  useGlobalKey(isQuickJumpKey, () => setOpen(true));

  const act = (customer: Customer, action: QuickJumpAction) => {
    setOpen(false);
    setQuery('');
    navigate(customer.id);
    if (action === 'toggle') askRoutingChange(toggleAsk(customer));
    // The subtree to the routing the customer is not on (the bulk tab shows the plan, to confirm or change).
    if (action === 'planSubtree') preparePlan.mutate({ subtreeRootIds: [customer.id], target: toggleAsk(customer).request.target });
  };

  const data = results.data;
  const offlineNote = data?.source === 'cache' ? `Offline copy (${data.fetchedAt ? formatAge(data.fetchedAt) : 'age unknown'})` : undefined;
  return (
    <QuickJumpDialog
      open={open}
      query={query}
      onQueryChange={setQuery}
      results={text ? (data?.items ?? []) : []}
      loading={results.isFetching}
      note={offlineNote}
      coverage={text ? coverageNote(data?.referenceIds) : undefined}
      errorMessage={results.error?.message}
      writeBlockedReason={blocked}
      actionLabels={(c) => ({ toggle: toggleLabel(c), planSubtree: `Plan its subtree ${ROUTING_WORDS[routingOfTarget(toggleAsk(c).request.target)].moveTo}` })}
      onAction={act}
      onClose={() => setOpen(false)}
    />
  );
}
