/* In the banner area: customers still on staging whose run's return-by is near or past, offered
 * for return. Returning is a plan of exactly them, confirmed like any change: nothing is moved
 * back on its own. */
import { Alert, Button, HStack, Text } from '@chakra-ui/react';
import { useEvoQuery } from '../../app/hooks';
import { useConsoleStore } from '../../app/console-store';
import { useUiStore } from '../../app/ui-store';
import { formatDateTime, plural } from '../../shared-ui';
import { useRoutingChangeBlockedReason } from '../bulk/use-prepare-plan';
import { URGENCY_WORDS } from './staging-now-words';

/** Due times move with the clock: look again every minute. */
const RECHECK_MS = 60_000;
const NAMED = 3;

export function DueReturnsBar() {
  const due = useEvoQuery('staging:due', [], { refetchInterval: RECHECK_MS });
  const ask = useUiStore((s) => s.askRoutingChange);
  const setView = useConsoleStore((s) => s.setView);
  const blocked = useRoutingChangeBlockedReason();
  const items = due.data?.items ?? [];
  if (items.length === 0) return null;
  const overdue = items.filter((i) => i.urgency === 'overdue').length;
  const named = items.slice(0, NAMED).map((i) => `${i.name} (${URGENCY_WORDS[i.urgency]}, by ${formatDateTime(i.returnBy)})`);
  const more = items.length - named.length;
  return (
    <Alert.Root status={overdue ? 'error' : 'warning'} mb="2" py="2" data-testid="due-returns">
      <Alert.Indicator />
      <Alert.Content>
        <Alert.Title>
          {plural(items.length, 'customer')} due back from staging{overdue ? ` (${overdue} overdue)` : ''}
        </Alert.Title>
        <Alert.Description>
          <Text as="span" fontSize="sm">
            {named.join(', ')}
            {more > 0 ? ` and ${plural(more, 'more')}` : ''}.{due.data?.source === 'cache' ? ' (Routing from the offline copy.)' : ''}
          </Text>
        </Alert.Description>
      </Alert.Content>
      <HStack gap="2" flexShrink={0}>
        <Button size="xs" variant="outline" onClick={() => setView('staging')}>
          Show in staging now
        </Button>
        <Button
          size="xs"
          colorPalette="blue"
          disabled={blocked !== null}
          title={blocked ?? undefined}
          onClick={() => ask({ request: { customerIds: items.map((i) => i.customerId), target: 'production' }, subject: items.length === 1 ? (items[0]?.name ?? '1 customer') : `the ${items.length} customers due back` })}
          data-testid="due-returns-review"
        >
          Return {items.length === 1 ? 'it' : 'them'} to normal routing…
        </Button>
      </HStack>
    </Alert.Root>
  );
}
