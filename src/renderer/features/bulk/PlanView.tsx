import { Box, Button, HStack, Stat, Tabs, Text } from '@chakra-ui/react';
import { PLAN_MAX_AGE_MS, type BreadcrumbEntry, type BulkPlan, type InaccessibleItem, type PlanItem, type UnreadableItem } from '../../../shared/bulk/types';
import { AsOfLabel, RoutingPill, plural } from '../../shared-ui';
import { ROUTING_WORDS, routingOfTarget } from '../../../shared/routing-words';

/** Items shown per list; the rest are summarised (the export has them all). */
const SHOWN = 200;

const pathOf = (crumbs: BreadcrumbEntry[]) => crumbs.map((c) => c.name || c.id).join(' / ');

function ItemList<T>({ items, render, empty, label }: { items: T[]; render: (item: T) => React.ReactNode; empty: string; label: string }) {
  if (items.length === 0)
    return (
      <Text color="fg.muted" fontSize="sm">
        {empty}
      </Text>
    );
  return (
    // Focusable: a scrolling list must be scrollable from the keyboard too.
    <Box as="ul" pl="0" listStyleType="none" maxH="320px" overflowY="auto" fontSize="sm" tabIndex={0} aria-label={label}>
      {items.slice(0, SHOWN).map(render)}
      {items.length > SHOWN ? <Text as="li">… and {plural(items.length - SHOWN, 'more customer')}</Text> : null}
    </Box>
  );
}

function PlanRow({ item }: { item: PlanItem }) {
  return (
    <Box as="li" py="1" borderBottomWidth="1px" display="flex" gap="2" alignItems="baseline" data-testid="plan-item">
      <RoutingPill isStaging={item.isStaging} />
      <Text as="span" fontWeight="semibold">
        {item.name}
      </Text>
      <Text as="span" color="fg.muted" fontSize="xs" truncate>
        {pathOf(item.breadcrumb)}
      </Text>
    </Box>
  );
}

function ProblemRow({ item }: { item: InaccessibleItem }) {
  return (
    <Box as="li" py="1" borderBottomWidth="1px" data-testid="plan-problem">
      <Text as="span" fontWeight="semibold">
        {item.name ?? item.customerId}
      </Text>{' '}
      <Text as="span" color="red.fg">
        {item.reason.message}
      </Text>
    </Box>
  );
}

function UnreadableRow({ item }: { item: UnreadableItem }) {
  return (
    <Box as="li" py="1" borderBottomWidth="1px" data-testid="plan-unreadable">
      <Text as="span" fontWeight="semibold" fontFamily="mono">
        {item.customerId ?? '(no readable id)'}
      </Text>{' '}
      <Text as="span" color="red.fg">
        {item.reason.message}
      </Text>
    </Box>
  );
}

export interface PlanViewProps {
  plan: BulkPlan;
  /** Why writing is not possible now (offline, signed out...), or null. */
  writeBlockedReason: string | null;
  /** Made longer ago than a plan may be applied: it must be prepared again. */
  stale: boolean;
  onConfirm: () => void;
  onReplan: () => void;
  onDiscard: () => void;
}

/** What a bulk change would do, before anything is written. */
export function PlanView({ plan, writeBlockedReason, stale, onConfirm, onReplan, onDiscard }: PlanViewProps) {
  const { counts } = plan;
  const unreadable = plan.unreadable ?? [];
  return (
    <Box data-testid="plan-view" borderWidth="1px" borderRadius="md" p="3">
      <HStack justify="space-between" mb="2" wrap="wrap">
        <Text fontWeight="semibold">
          Plan: move {ROUTING_WORDS[routingOfTarget(plan.target)].moveTo} — account {plan.identity.accountName ?? plan.identity.accountId ?? '?'}
        </Text>
        <AsOfLabel fetchedAt={plan.snapshotAt} source={plan.source} />
      </HStack>
      <HStack gap="6" mb="3" wrap="wrap">
        <Stat.Root data-testid="count-toChange">
          <Stat.Label>Will change</Stat.Label>
          <Stat.ValueText>{counts.toChange}</Stat.ValueText>
        </Stat.Root>
        <Stat.Root data-testid="count-alreadyInState">
          <Stat.Label>Already {ROUTING_WORDS[routingOfTarget(plan.target)].label.toLowerCase()}</Stat.Label>
          <Stat.ValueText>{counts.alreadyInState}</Stat.ValueText>
        </Stat.Root>
        <Stat.Root data-testid="count-notAccessible">
          <Stat.Label>Not accessible</Stat.Label>
          <Stat.ValueText>{counts.notAccessible}</Stat.ValueText>
        </Stat.Root>
        {unreadable.length > 0 ? (
          <Stat.Root data-testid="count-unreadable">
            <Stat.Label>Could not be read (left out)</Stat.Label>
            <Stat.ValueText>{unreadable.length}</Stat.ValueText>
          </Stat.Root>
        ) : null}
        {counts.excludedByTags > 0 ? (
          <Stat.Root data-testid="count-excludedByTags">
            <Stat.Label>Left out by tag filter</Stat.Label>
            <Stat.ValueText>{counts.excludedByTags}</Stat.ValueText>
          </Stat.Root>
        ) : null}
        <Stat.Root>
          <Stat.Label>Total</Stat.Label>
          <Stat.ValueText>{counts.total}</Stat.ValueText>
        </Stat.Root>
      </HStack>
      <Tabs.Root defaultValue="change" size="sm" lazyMount>
        <Tabs.List>
          <Tabs.Trigger value="change">Will change ({counts.toChange})</Tabs.Trigger>
          <Tabs.Trigger value="already">Already there ({counts.alreadyInState})</Tabs.Trigger>
          <Tabs.Trigger value="problems">Not accessible ({counts.notAccessible})</Tabs.Trigger>
          {unreadable.length > 0 ? <Tabs.Trigger value="unreadable">Could not be read ({unreadable.length})</Tabs.Trigger> : null}
        </Tabs.List>
        <Tabs.Content value="change">
          <ItemList items={plan.toChange} label="Customers that will change" empty="Nobody needs changing." render={(item) => <PlanRow key={item.customerId} item={item} />} />
        </Tabs.Content>
        <Tabs.Content value="already">
          <ItemList items={plan.alreadyInState} label="Customers already there" empty="None." render={(item) => <PlanRow key={item.customerId} item={item} />} />
        </Tabs.Content>
        <Tabs.Content value="problems">
          <ItemList items={plan.notAccessible} label="Customers not accessible" empty="All targets are accessible." render={(item) => <ProblemRow key={item.customerId} item={item} />} />
        </Tabs.Content>
        <Tabs.Content value="unreadable">
          <ItemList items={unreadable} label="Customers that could not be read" empty="None." render={(item) => <UnreadableRow key={item.customerId ?? item.reason.message} item={item} />} />
        </Tabs.Content>
      </Tabs.Root>
      {plan.source === 'cache' ? (
        <Text fontSize="sm" color="yellow.fg" mt="2">
          Built from the offline copy; it is read again from the server before anything is written.
        </Text>
      ) : null}
      {stale ? (
        <Text fontSize="sm" color="orange.fg" mt="2" role="status" data-testid="plan-stale">
          This plan was prepared more than {PLAN_MAX_AGE_MS / 3_600_000} hours ago; prepare it again to apply it.
        </Text>
      ) : null}
      <HStack mt="3" gap="2">
        {stale ? (
          <Button onClick={onReplan} disabled={writeBlockedReason !== null} data-testid="plan-again">
            Prepare again
          </Button>
        ) : (
          <Button colorPalette={plan.target === 'staging' ? 'orange' : 'blue'} onClick={onConfirm} disabled={counts.toChange === 0 || writeBlockedReason !== null} data-testid="plan-confirm">
            Move {plural(counts.toChange, 'customer')} {ROUTING_WORDS[routingOfTarget(plan.target)].moveTo}…
          </Button>
        )}
        <Button variant="outline" onClick={onDiscard}>
          Discard plan
        </Button>
        {writeBlockedReason ? (
          <Text fontSize="sm" color="fg.muted" data-testid="write-blocked-reason">
            {writeBlockedReason}
          </Text>
        ) : null}
      </HStack>
    </Box>
  );
}
