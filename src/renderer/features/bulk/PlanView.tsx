import { Box, Button, chakra, HStack, Stat, Tabs, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { PLAN_MAX_AGE_MS, type BulkPlan, type InaccessibleItem, type PlanItem, type UnreadableItem } from '../../../shared/bulk/types';
import { AsOfLabel, plural } from '../../shared-ui';
import { groupByParent, pathText } from './plan-groups';
import { describeSubject, subjectOfPlan } from '../../../shared/bulk/subject';
import { ROUTING_WORDS, routingOfTarget } from '../../../shared/routing-words';

/** Items shown per list; the rest are summarised (the export has them all). */
const SHOWN = 200;

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

/** Customers under their immediate parent, one line each (the name never wraps; the full path on hover). With
 * `leaveOut`, each row and each family has a box to take it out of the plan. */
function GroupedList({ items, label, empty, leaveOut }: { items: PlanItem[]; label: string; empty: string; leaveOut?: { ids: ReadonlySet<string>; toggle: (ids: string[], out: boolean) => void } }) {
  if (items.length === 0)
    return (
      <Text color="fg.muted" fontSize="sm">
        {empty}
      </Text>
    );
  const groups = groupByParent(items.slice(0, SHOWN));
  return (
    <Box maxH="320px" overflowY="auto" fontSize="sm" tabIndex={0} aria-label={label} data-testid="plan-groups">
      {groups.map((g) => {
        const ids = g.items.map((i) => i.customerId);
        const outInGroup = leaveOut ? ids.filter((id) => leaveOut.ids.has(id)).length : 0;
        const parentName = g.parent ? g.parent.name || g.parent.id : 'Top level';
        return (
          <Box key={g.parent?.id ?? ''} as="section" aria-label={`Under ${parentName}`} data-testid="plan-group">
            <HStack gap="2" py="1" px="1" bg="bg.muted" position="sticky" top="0" zIndex="1" title={pathText([...g.above, ...(g.parent ? [g.parent] : [])])}>
              {leaveOut ? (
                <KeepBox
                  checked={outInGroup === 0}
                  indeterminate={outInGroup > 0 && outInGroup < ids.length}
                  onChange={(keep) => leaveOut.toggle(ids, !keep)}
                  label={`Keep all ${ids.length} under ${parentName}`}
                />
              ) : null}
              <Text fontWeight="semibold" truncate data-testid="plan-group-parent">
                {g.parent ? `Under ${parentName}` : 'Top level'}
              </Text>
              <Text color="fg.muted" flexShrink={0}>
                ({g.items.length})
              </Text>
            </HStack>
            <Box as="ul" pl="0" listStyleType="none">
              {g.items.map((item) => (
                <PlanRow key={item.customerId} item={item} out={leaveOut?.ids.has(item.customerId) ?? false} onToggle={leaveOut ? (out) => leaveOut.toggle([item.customerId], out) : undefined} />
              ))}
            </Box>
          </Box>
        );
      })}
      {items.length > SHOWN ? <Text py="1">… and {plural(items.length - SHOWN, 'more customer')} (the export lists them all)</Text> : null}
    </Box>
  );
}

/** A native checkbox: dense rows, and Space toggles it from the keyboard as everywhere. */
function KeepBox({ checked, indeterminate = false, onChange, label }: { checked: boolean; indeterminate?: boolean; onChange: (keep: boolean) => void; label: string }) {
  return (
    <chakra.input
      type="checkbox"
      checked={checked}
      ref={(el: HTMLInputElement | null) => {
        if (el) el.indeterminate = indeterminate;
      }}
      onChange={(e) => onChange(e.currentTarget.checked)}
      aria-label={label}
      accentColor="blue.solid"
      flexShrink={0}
      cursor="pointer"
    />
  );
}

function PlanRow({ item, out, onToggle }: { item: PlanItem; out: boolean; onToggle: ((out: boolean) => void) | undefined }) {
  return (
    <Box as="li" py="0.5" pl={onToggle ? '1' : '6'} borderBottomWidth="1px" display="flex" gap="2" alignItems="center" data-testid="plan-item" data-out={out || undefined}>
      {onToggle ? (
        <KeepBox checked={!out} onChange={(keep) => onToggle(!keep)} label={`Keep ${item.name || item.customerId} in the plan`} />
      ) : null}
      <Text as="span" truncate title={item.name} textDecoration={out ? 'line-through' : undefined} color={out ? 'fg.muted' : undefined}>
        {item.name || item.customerId}
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
  /** Takes customers out of the plan (main makes a new plan of the rest). */
  onExclude: (customerIds: string[]) => void;
  excluding: boolean;
  onReplan: () => void;
  onDiscard: () => void;
}

/** What a bulk change would do, before anything is written. */
export function PlanView({ plan, writeBlockedReason, stale, onConfirm, onExclude, excluding, onReplan, onDiscard }: PlanViewProps) {
  const { counts } = plan;
  const unreadable = plan.unreadable ?? [];
  const excluded = plan.excluded ?? [];
  // Rows unticked here, not yet taken out (the view is keyed by plan id, so a new plan starts with none).
  const [leaving, setLeaving] = useState<ReadonlySet<string>>(new Set());
  const toggle = (ids: string[], out: boolean) =>
    setLeaving((prev) => {
      const next = new Set(prev);
      for (const id of ids) if (out) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <Box data-testid="plan-view" borderWidth="1px" borderRadius="md" p="3">
      <Box mb="2">
        <Text fontWeight="semibold" data-testid="plan-title">
          Plan: move {describeSubject(subjectOfPlan(plan))} {ROUTING_WORDS[routingOfTarget(plan.target)].moveTo}
        </Text>
        <Text fontSize="xs" color="fg.muted">
          Account {plan.identity.accountName ?? plan.identity.accountId ?? '?'} · <AsOfLabel fetchedAt={plan.snapshotAt} source={plan.source} />
        </Text>
      </Box>
      <HStack gap="5" mb="2" wrap="wrap" align="start" css={{ '& dt, & [data-part=label]': { whiteSpace: 'nowrap' } }}>
        <Stat.Root size="sm" data-testid="count-toChange">
          <Stat.Label>Will change</Stat.Label>
          <Stat.ValueText>{counts.toChange}</Stat.ValueText>
        </Stat.Root>
        <Stat.Root size="sm" data-testid="count-alreadyInState">
          <Stat.Label>Already {ROUTING_WORDS[routingOfTarget(plan.target)].label.toLowerCase()}</Stat.Label>
          <Stat.ValueText>{counts.alreadyInState}</Stat.ValueText>
        </Stat.Root>
        <Stat.Root size="sm" data-testid="count-notAccessible">
          <Stat.Label>Not accessible</Stat.Label>
          <Stat.ValueText>{counts.notAccessible}</Stat.ValueText>
        </Stat.Root>
        {unreadable.length > 0 ? (
          <Stat.Root size="sm" data-testid="count-unreadable">
            <Stat.Label>Could not be read (left out)</Stat.Label>
            <Stat.ValueText>{unreadable.length}</Stat.ValueText>
          </Stat.Root>
        ) : null}
        {excluded.length > 0 ? (
          <Stat.Root size="sm" data-testid="count-excluded">
            <Stat.Label>Left out by you</Stat.Label>
            <Stat.ValueText>{excluded.length}</Stat.ValueText>
          </Stat.Root>
        ) : null}
        {counts.excludedByTags > 0 ? (
          <Stat.Root size="sm" data-testid="count-excludedByTags">
            <Stat.Label>Left out by tag filter</Stat.Label>
            <Stat.ValueText>{counts.excludedByTags}</Stat.ValueText>
          </Stat.Root>
        ) : null}
        <Stat.Root size="sm">
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
          <GroupedList items={plan.toChange} label="Customers that will change" empty="Nobody needs changing." leaveOut={{ ids: leaving, toggle }} />
        </Tabs.Content>
        <Tabs.Content value="already">
          <GroupedList items={plan.alreadyInState} label="Customers already there" empty="None." />
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
      <HStack mt="3" gap="2" wrap="wrap">
        {leaving.size > 0 && !stale ? (
          <Button variant="outline" onClick={() => onExclude([...leaving])} loading={excluding} data-testid="plan-exclude">
            Leave out {plural(leaving.size, 'customer')}
          </Button>
        ) : null}
        {stale ? (
          <Button onClick={onReplan} disabled={writeBlockedReason !== null} data-testid="plan-again">
            Prepare again
          </Button>
        ) : (
          <Button colorPalette={plan.target === 'staging' ? 'orange' : 'blue'} onClick={onConfirm} disabled={counts.toChange === 0 || writeBlockedReason !== null || leaving.size > 0} title={leaving.size > 0 ? 'Leave out the unticked customers first, or tick them again' : undefined} data-testid="plan-confirm">
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
