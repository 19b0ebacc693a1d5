import { Box, Button, HStack, Text } from '@chakra-ui/react';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { Customer, Tag } from '../../../shared/evo/schemas';
import { useEvoQuery } from '../../app/hooks';
import { useUiStore } from '../../app/ui-store';
import { useConsoleStore } from '../../app/console-store';
import { ErrorCallout, plural } from '../../shared-ui';
import { usePreparePlan } from '../bulk/use-prepare-plan';
import { BreadcrumbBar } from './BreadcrumbBar';
import { BulkBar, type SubtreeEstimate } from './BulkBar';
import { CustomerTable } from './CustomerTable';
import { FilterBar } from './FilterBar';
import { SORT_ROW_LIMIT, type SortField } from './customer-sort';
import { useChildren, type SortStatus } from './use-children';
import { useCurrentPath, useNavigate } from './use-navigation';
import { useTableSelection } from './use-table-selection';

const NO_TAGS: Tag[] = [];
const SORT_WORDS: Record<SortField, string> = { name: 'name', referenceId: 'reference', routing: 'routing', children: 'number of children', lastChanged: 'last change' };

/** The browser: where you are, the children of the current customer, filters, selection. */
export function BrowserPane() {
  const { currentId, path, parentId } = useCurrentPath();
  const navigate = useNavigate();
  const search = useConsoleStore((s) => s.search);
  const setSearch = useConsoleStore((s) => s.setSearch);
  const tagIds = useConsoleStore((s) => s.tagIds);
  const setTagIds = useConsoleStore((s) => s.setTagIds);
  const sort = useConsoleStore((s) => s.sort);
  const setSort = useConsoleStore((s) => s.setSort);
  const target = useConsoleStore((s) => s.target);
  const setTarget = useConsoleStore((s) => s.setTarget);
  const activeIndex = useConsoleStore((s) => s.activeIndexByParent[currentId ?? ''] ?? -1);
  const setActiveIndex = useConsoleStore((s) => s.setActiveIndex);
  const setQuickJumpOpen = useConsoleStore((s) => s.setQuickJumpOpen);
  const setSelection = useUiStore((s) => s.setSelection);

  const tags = useEvoQuery('customers:tags', []);
  const filter = useMemo(() => ({ parentId: currentId, search, tagIds }), [currentId, search, tagIds]);
  const children = useChildren(filter, sort);
  // Child counts the offline copy knows, for the rows near the view.
  const childCounts = useEvoQuery('customers:childCounts', [{ ids: children.idsNearView }], { enabled: children.idsNearView.length > 0, placeholderData: (previous) => previous });
  const countOf = useMemo(() => {
    const counts = childCounts.data ?? {};
    return (id: string) => counts[id];
  }, [childCounts.data]);

  const selection = useTableSelection(children, filter, activeIndex);
  const selected = selection.selectedIds;
  const [includeDescendants, setIncludeDescendants] = useState(false);
  const selectedList = useMemo(() => [...selected], [selected]);
  const sizes = useEvoQuery('customers:subtreeSizes', [{ ids: selectedList.slice(0, 1_000) }], { enabled: selectedList.length > 0, placeholderData: (previous) => previous });
  const subtree = subtreeEstimate(selectedList, sizes.data);
  const plan = usePreparePlan();

  // Stable row callbacks: rows are memoised, and a new function would re-render all of them
  // whenever a page of children arrives.
  const openRow = useCallback((c: Customer) => navigate(c.id), [navigate]);
  const { activeMoved } = selection;
  const onActiveChange = useCallback(
    (index: number) => {
      activeMoved();
      setActiveIndex(currentId, index);
    },
    [activeMoved, setActiveIndex, currentId],
  );

  const currentName = path.at(-1)?.name ?? 'all customers';
  const label = currentId === null ? 'Top-level customers' : `Children of ${currentName}`;
  const filtered = search.trim() !== '' || tagIds.length > 0;
  const clearFilter = () => {
    setSearch('');
    setTagIds([]);
  };
  const tagNames = tagIds.map((id) => tags.data?.items.find((t) => t.id === id)?.name ?? id);
  return (
    <Box display="flex" flexDirection="column" h="100%" minH="0" minW="0" data-testid="browser-pane">
      <HStack justify="space-between" mb="2" gap="2" minW="0">
        <Box minW="0" flex="1">
          <BreadcrumbBar path={path} onNavigate={navigate} />
        </Box>
        <Button size="xs" variant="outline" onClick={() => setQuickJumpOpen(true)} aria-keyshortcuts="Control+K Meta+K" flexShrink={0}>
          Go to… (Ctrl+K)
        </Button>
      </HStack>
      <FilterBar
        search={search}
        onSearchChange={setSearch}
        tags={tags.data?.items ?? NO_TAGS}
        tagIds={tagIds}
        onTagIdsChange={setTagIds}
        sourceLabel={children.source === 'cache' ? 'offline copy' : 'server'}
      />
      <HStack justify="space-between" my="1.5" minH="6" gap="3">
        <Text fontSize="sm" data-testid="children-count" whiteSpace="nowrap">
          {children.isLoading ? 'Loading…' : `${plural(children.total, 'customer')}${filtered ? ' match' : ''}`}
        </Text>
        <SortNote status={children.sortStatus} field={sort.field} direction={sort.direction} />
      </HStack>
      {selected.size > 0 ? (
        <BulkBar
          selectedCount={selected.size}
          selectAllOffer={selection.canSelectAllMatching ? { total: children.total, pending: selection.pending, onSelectAll: selection.selectAllMatching } : null}
          subtree={subtree}
          includeDescendants={includeDescendants}
          onIncludeDescendantsChange={setIncludeDescendants}
          target={target}
          onTargetChange={setTarget}
          onPlan={() => plan.mutate(includeDescendants ? { subtreeRootIds: selectedList, target } : { customerIds: selectedList, target })}
          planning={plan.isPending}
          error={(plan.error?.kind === 'Cancelled' ? null : plan.error?.toData()) ?? selection.error?.toData() ?? null}
          onClear={() => setSelection([])}
        />
      ) : null}
      {children.error ? <ErrorCallout action="Loading the customers" customerName={currentId ? currentName : undefined} error={children.error.toData()} /> : null}
      <Box flex="1" minH="0" borderWidth="1px" borderRadius="md" overflow="hidden">
        <CustomerTable
          label={label}
          count={children.total}
          rowAt={children.rowAt}
          activeIndex={activeIndex}
          selectedIds={selected}
          childCountOf={countOf}
          sort={sort}
          onSortChange={setSort}
          headerSelection={selection.headerSelection}
          onHeaderSelect={selection.onHeaderSelect}
          onActiveChange={onActiveChange}
          onOpen={openRow}
          onToggle={selection.toggle}
          onExtend={selection.extend}
          onSelectAll={selection.selectAllMatching}
          onClearSelection={() => setSelection([])}
          onUp={() => {
            if (currentId !== null) navigate(parentId);
          }}
          onQuickJump={() => setQuickJumpOpen(true)}
          onRangeChange={children.onRangeChange}
          autoFocus
          empty={
            children.isLoading || children.error ? null : (
              <EmptyState
                filtered={filtered}
                search={search.trim()}
                tagNames={tagNames}
                where={currentId === null ? null : currentName}
                onClearFilter={clearFilter}
                onUp={currentId === null ? null : () => navigate(parentId)}
              />
            )
          }
        />
      </Box>
    </Box>
  );
}

function subtreeEstimate(ids: string[], sizes: Record<string, { descendants: number; complete: boolean }> | undefined): SubtreeEstimate | null {
  if (!sizes || ids.length === 0) return null;
  let descendants = 0;
  let complete = true;
  for (const id of ids) {
    const size = sizes[id];
    if (!size) complete = false;
    else {
      descendants += size.descendants;
      complete &&= size.complete;
    }
  }
  return { descendants, complete };
}

function SortNote({ status, field, direction }: { status: SortStatus; field: SortField; direction: 'asc' | 'desc' }) {
  const by = `${SORT_WORDS[field]}${direction === 'desc' ? ', descending' : ''}`;
  let text: string | null = null;
  if (status.state === 'loading') text = `Sorting by ${by}: loading ${status.loaded.toLocaleString('en-US')} of ${status.total.toLocaleString('en-US')}…`;
  if (status.state === 'sorted') text = `Sorted by ${by}`;
  if (status.state === 'tooMany')
    text = `Sorting by ${SORT_WORDS[field]} needs every row; this list has ${status.total.toLocaleString('en-US')} (over ${SORT_ROW_LIMIT.toLocaleString('en-US')}), so it stays by name. Filter it first.`;
  if (!text) return null;
  return (
    <Text fontSize="xs" color="fg.muted" role="status" data-testid="sort-note" truncate title={text}>
      {text}
    </Text>
  );
}

interface EmptyStateProps {
  filtered: boolean;
  search: string;
  tagNames: string[];
  /** The customer whose children are listed; null at the top level. */
  where: string | null;
  onClearFilter: () => void;
  onUp: (() => void) | null;
}

/** Says what is empty and what to do about it. */
function EmptyState({ filtered, search, tagNames, where, onClearFilter, onUp }: EmptyStateProps) {
  let title: string;
  let hint: ReactNode;
  if (filtered) {
    const parts = [search ? `“${search}”` : null, tagNames.length ? `${tagNames.length === 1 ? 'tag' : 'all tags'} ${tagNames.join(', ')}` : null].filter(Boolean).join(' and ');
    title = `No ${where === null ? 'top-level customer' : `child of ${where}`} matches ${parts}.`;
    hint = (
      <Button size="xs" variant="outline" onClick={onClearFilter}>
        Clear the filter
      </Button>
    );
  } else if (where !== null) {
    title = `${where} has no child customers.`;
    hint = (
      <HStack gap="2">
        <Text fontSize="sm" color="fg.muted">
          Its details are on the right.
        </Text>
        {onUp ? (
          <Button size="xs" variant="outline" onClick={onUp}>
            Up one level (Backspace)
          </Button>
        ) : null}
      </HStack>
    );
  } else {
    title = 'This account has no customers you can see.';
    hint = (
      <Text fontSize="sm" color="fg.muted">
        Check the account in the banner; your role may not show its customers.
      </Text>
    );
  }
  return (
    <Box>
      <Text fontWeight="semibold" mb="2">
        {title}
      </Text>
      {hint}
    </Box>
  );
}
