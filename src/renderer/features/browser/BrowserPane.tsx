import { Box, Button, HStack, Text } from '@chakra-ui/react';
import { useCallback, useEffect, useMemo } from 'react';
import type { Tag } from '../../../shared/evo/dtos';
import type { Customer } from '../../../shared/evo/schemas';
import { useEvoQuery } from '../../app/hooks';
import { useUiStore } from '../../app/ui-store';
import { AsOfLabel, ErrorCallout, plural } from '../../shared-ui';
import { BreadcrumbBar } from './BreadcrumbBar';
import { CustomerList } from './CustomerList';
import { FilterBar } from './FilterBar';
import { useConsoleStore } from '../../app/console-store';
import { useChildren } from './use-children';
import { useCurrentPath, useNavigate } from './use-navigation';

const NO_TAGS: Tag[] = [];

/** The browser: where you are, the children of the current customer, filters, selection. */
export function BrowserPane() {
  const { currentId, path, parentId } = useCurrentPath();
  const navigate = useNavigate();
  const search = useConsoleStore((s) => s.search);
  const setSearch = useConsoleStore((s) => s.setSearch);
  const tagIds = useConsoleStore((s) => s.tagIds);
  const setTagIds = useConsoleStore((s) => s.setTagIds);
  const activeIndex = useConsoleStore((s) => s.activeIndexByParent[currentId ?? ''] ?? -1);
  const setActiveIndex = useConsoleStore((s) => s.setActiveIndex);
  const setQuickJumpOpen = useConsoleStore((s) => s.setQuickJumpOpen);
  const selectedIds = useUiStore((s) => s.selectedIds);
  const toggleSelected = useUiStore((s) => s.toggleSelected);
  const setSelection = useUiStore((s) => s.setSelection);
  const setShownDataFetchedAt = useUiStore((s) => s.setShownDataFetchedAt);

  const tags = useEvoQuery('customers:tags', []);
  const children = useChildren({ parentId: currentId, search, tagIds });
  const childCounts = useEvoQuery('customers:childCounts', [{ ids: children.idsNearView }], { enabled: children.idsNearView.length > 0, placeholderData: (previous) => previous });
  const countOf = useMemo(() => {
    const counts = childCounts.data ?? {};
    return (id: string) => counts[id];
  }, [childCounts.data]);

  // The banner shows the age of what is on screen while offline.
  useEffect(() => {
    setShownDataFetchedAt(children.source === 'cache' ? children.fetchedAt : null);
  }, [children.source, children.fetchedAt, setShownDataFetchedAt]);

  // Stable row callbacks: rows are memoised, and a new function would re-render all of them
  // whenever a page of children arrives.
  const openRow = useCallback((c: Customer) => navigate(c.id), [navigate]);
  const toggleRow = useCallback((c: Customer) => toggleSelected(c.id), [toggleSelected]);

  const currentName = path.at(-1)?.name ?? 'all customers';
  const label = currentId === null ? 'Top-level customers' : `Children of ${currentName}`;
  return (
    <Box display="flex" flexDirection="column" h="100%" minH="0" data-testid="browser-pane">
      <HStack justify="space-between" mb="2" gap="2">
        <BreadcrumbBar path={path} onNavigate={navigate} />
        <Button size="xs" variant="outline" onClick={() => setQuickJumpOpen(true)} title="Ctrl+K / Cmd+K">
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
      <HStack justify="space-between" my="2" minH="6" wrap="wrap">
        <Text fontSize="sm" data-testid="children-count">
          {children.isLoading ? 'Loading…' : `${plural(children.total, 'customer')}${search || tagIds.length ? ' match' : ''}`}
        </Text>
        {children.source === 'cache' && children.fetchedAt !== null ? <AsOfLabel fetchedAt={children.fetchedAt} source="cache" /> : null}
        {selectedIds.size > 0 ? (
          <HStack gap="2">
            <Text fontSize="sm" data-testid="selection-count">
              {plural(selectedIds.size, 'customer')} selected
            </Text>
            <Button size="xs" variant="ghost" onClick={() => setSelection([])}>
              Clear selection
            </Button>
          </HStack>
        ) : null}
      </HStack>
      {children.error ? <ErrorCallout action="Loading the customers" customerName={currentId ? currentName : undefined} error={children.error.toData()} /> : null}
      <Box flex="1" minH="240px" borderWidth="1px" borderRadius="md">
        <CustomerList
          label={label}
          count={children.total}
          rowAt={children.rowAt}
          activeIndex={activeIndex}
          selectedIds={selectedIds}
          childCountOf={countOf}
          onActiveChange={(i) => setActiveIndex(currentId, i)}
          onOpen={openRow}
          onToggleSelect={toggleRow}
          onUp={() => {
            if (currentId !== null) navigate(parentId);
          }}
          onQuickJump={() => setQuickJumpOpen(true)}
          onRangeChange={children.onRangeChange}
        />
      </Box>
      <Text fontSize="xs" color="fg.muted" mt="1">
        ↑/↓ move · Enter open · Space select · Backspace or Alt+↑ up · Ctrl/Cmd+K go to
      </Text>
    </Box>
  );
}
