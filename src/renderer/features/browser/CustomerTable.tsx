import { Box } from '@chakra-ui/react';
import { useTable, type ColumnSizingState, type Header, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { asText, type Customer, type Tag } from '../../../shared/evo/schemas';
import { numbersIn, PREFERENCE_KEYS, readPreference, writePreference } from '../../app/preferences';
import { formatDateTime, RoutingPill, TagChip } from '../../shared-ui';
import { CUSTOMER_COLUMNS, tableFeaturesUsed, widthVar } from './customer-columns';
import type { CustomerSort, SortField } from './customer-sort';
import { listKeyAction } from './list-keys';

export const ROW_HEIGHT = 36;
const HEADER_HEIGHT = 34;

export type HeaderSelection = 'all' | 'some' | 'none';

export interface CustomerTableProps {
  /** Accessible name, e.g. "Children of Acme". */
  label: string;
  /** Rows in the list (all pages, loaded or not). */
  count: number;
  /** The customer at a row, or undefined while its page is loading. */
  rowAt: (index: number) => Customer | undefined;
  activeIndex: number;
  selectedIds: ReadonlySet<string>;
  /** Number of children where known (offline copy or an earlier visit). */
  childCountOf?: (customerId: string) => number | undefined;
  sort: CustomerSort;
  onSortChange: (sort: CustomerSort) => void;
  /** State of the header check box over the rows loaded so far. */
  headerSelection: HeaderSelection;
  onHeaderSelect: () => void;
  onActiveChange: (index: number) => void;
  onOpen: (customer: Customer) => void;
  /** Space, a click on the check box, or Ctrl/Cmd+click. */
  onToggle: (index: number, customer: Customer) => void;
  /** Shift+click or Shift with a movement key: select from the anchor to this row. */
  onExtend: (index: number) => void;
  onSelectAll: () => void;
  onClearSelection: () => void;
  onUp: () => void;
  onQuickJump: () => void;
  /** Rows now rendered (visible + overscan): the caller loads their pages. */
  onRangeChange?: (start: number, end: number) => void;
  /** Shown in place of rows when the list is empty. */
  empty?: ReactNode;
  /** Take the focus when shown, unless something else has it (arrows work at once). */
  autoFocus?: boolean;
}

/* Plain elements with inline styles (module constants): rows render in a virtualised list where
 * per-row CSS-in-JS work costs frames while scrolling. Widths come from CSS variables the grid
 * sets, so resizing a column re-renders no row. */
const cell = (id: string): CSSProperties => ({
  width: `var(${widthVar(id)})`,
  flex: '0 0 auto',
  padding: '0 8px',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  boxSizing: 'border-box',
});
const CELL = {
  select: { ...cell('select'), display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 0, cursor: 'pointer', alignSelf: 'stretch' },
  name: { ...cell('name'), flex: `1 0 var(${widthVar('name')})`, fontWeight: 500 },
  routing: cell('routing'),
  referenceId: { ...cell('referenceId'), fontFamily: 'var(--chakra-fonts-mono)', fontSize: 12 },
  tags: { ...cell('tags'), display: 'flex', alignItems: 'center', gap: 4 },
  children: { ...cell('children'), textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  lastChanged: { ...cell('lastChanged'), fontSize: 12, fontVariantNumeric: 'tabular-nums', color: 'var(--chakra-colors-fg-muted)' },
} satisfies Record<string, CSSProperties>;

const rowBase: CSSProperties = {
  position: 'absolute',
  top: 0,
  left: 0,
  width: '100%',
  height: ROW_HEIGHT,
  display: 'flex',
  alignItems: 'center',
  fontSize: 13,
  boxSizing: 'border-box',
  borderBottom: '1px solid var(--evo-row-border)',
  cursor: 'default',
};
const muted: CSSProperties = { color: 'var(--chakra-colors-fg-muted)' };
const checkBox = (checked: boolean): CSSProperties => ({
  width: 14,
  height: 14,
  borderRadius: 3,
  border: `1.5px solid ${checked ? 'var(--evo-focus)' : 'var(--chakra-colors-border-emphasized)'}`,
  background: checked ? 'var(--evo-focus)' : 'transparent',
  color: 'var(--chakra-colors-bg)',
  fontSize: 11,
  lineHeight: '11px',
  textAlign: 'center',
  fontWeight: 700,
});

/* The active row is outlined while the grid has focus (focus stays on the grid; the row is
 * its active descendant); selected rows are tinted. */
const gridCss = {
  outline: 'none',
  '& [data-active=true]': { background: 'var(--evo-row-active)' },
  '& [aria-selected=true]': { background: 'var(--evo-row-selected)' },
  '&:focus-visible [data-active=true], &:focus [data-active=true]': { outline: '2px solid var(--evo-focus)', outlineOffset: '-2px' },
  '& [role=columnheader] button': { all: 'unset', cursor: 'pointer', display: 'flex', alignItems: 'center', gap: '4px', width: '100%', height: '100%' },
  '& [role=columnheader] button:focus-visible, & [role=separator]:focus-visible': { outline: '2px solid var(--evo-focus)', outlineOffset: '-2px' },
  '& [role=separator]:hover, & [role=separator][data-resizing=true]': { background: 'var(--evo-focus)' },
} as const;

interface RowProps {
  id: string;
  index: number;
  start: number;
  customer: Customer | undefined;
  active: boolean;
  selected: boolean;
  childCount: number | undefined;
  /** Tag chips that fit the tags column (the rest are "+N"). */
  tagLimit: number;
  onPointer: (index: number, e: MouseEvent) => void;
  onOpen: (customer: Customer) => void;
  onCheck: (index: number, customer: Customer) => void;
}

/* Memoised: scrolling re-renders only rows whose position or state changed. */
const Row = memo(function Row({ id, index, start, customer, active, selected, childCount, tagLimit, onPointer, onOpen, onCheck }: RowProps) {
  const style = { ...rowBase, transform: `translateY(${start}px)` };
  if (!customer)
    return (
      <div id={id} role="row" aria-rowindex={index + 2} aria-selected={false} aria-busy style={style} data-index={index}>
        <div role="gridcell" style={CELL.select} />
        <div role="gridcell" style={{ ...CELL.name, ...muted }}>
          Loading…
        </div>
      </div>
    );
  const name = customer.name || '(no name)';
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-index={index}
      data-active={active}
      data-customer-id={customer.id}
      style={style}
      onMouseDown={(e) => onPointer(index, e)}
      onDoubleClick={() => onOpen(customer)}
    >
      <div
        role="gridcell"
        style={CELL.select}
        data-testid="row-check"
        onMouseDown={(e) => e.stopPropagation()}
        onClick={(e) => {
          e.stopPropagation();
          if (e.shiftKey) onPointer(index, e);
          else onCheck(index, customer);
        }}
      >
        <span aria-hidden style={checkBox(selected)}>
          {selected ? '✓' : ''}
        </span>
      </div>
      <div role="gridcell" style={CELL.name} title={name} data-testid="row-name">
        {name}
      </div>
      <div role="gridcell" style={CELL.routing}>
        <RoutingPill isStaging={customer.isStaging} />
      </div>
      <div role="gridcell" style={CELL.referenceId} title={customer.referenceId ?? undefined}>
        {customer.referenceId || <span style={muted}>—</span>}
      </div>
      <div role="gridcell" style={CELL.tags}>
        <RowTags tags={customer.tags ?? []} limit={tagLimit} />
      </div>
      <div role="gridcell" style={CELL.children} title={childCount === undefined ? 'Not known until the customer is opened or made available offline' : undefined}>
        {childCount === undefined ? <span style={muted}>–</span> : childCount.toLocaleString('en-US')}
      </div>
      <div role="gridcell" style={CELL.lastChanged} title={changedTitle(customer)}>
        {dateOnly(asText(customer.dateLastModified))}
      </div>
    </div>
  );
});

/** "2026-11-27" (the time and who are in the cell's title); the raw text when it is not a date. */
function dateOnly(value: string | undefined): string {
  const full = formatDateTime(value);
  return /^\d{4}-\d\d-\d\d /.test(full) ? full.slice(0, 10) : full;
}
const changedTitle = (c: Customer) => {
  const by = asText(c.lastModifiedBy);
  return `Last changed ${formatDateTime(asText(c.dateLastModified))}${by ? ` by ${by}` : ''}`;
};

const chipsStyle: CSSProperties = { display: 'flex', minWidth: 0, overflow: 'hidden', flex: '0 1 auto' };
const moreStyle: CSSProperties = { fontSize: 12, flex: '0 0 auto' };

/** Tags fitting a cell: the first few as chips, the rest as "+N" naming them (the detail panel shows all). */
function RowTags({ tags, limit }: { tags: Tag[]; limit: number }) {
  const hidden = tags.slice(limit);
  const hiddenNames = hidden.map((t) => t.name ?? t.id ?? '').join(', ');
  return (
    <>
      {/* The chips give way (clipped) so "+N" always shows. */}
      <span style={chipsStyle}>
        {tags.slice(0, limit).map((tag, i) => (
          <TagChip key={tag.id ?? i} tag={tag} />
        ))}
      </span>
      {hidden.length ? (
        <span title={hiddenNames} aria-label={`and ${hidden.length} more: ${hiddenNames}`} data-testid="row-more-tags" style={moreStyle}>
          +{hidden.length}
        </span>
      ) : null}
    </>
  );
}

const RESIZE_STEP = 16;

function useColumnSizing() {
  const [sizing, setSizing] = useState<ColumnSizingState>(() => readPreference<ColumnSizingState>(PREFERENCE_KEYS.columnSizes, numbersIn(20, 2000), {}));
  // Remembered across restarts; written once a drag has paused, not on every pixel.
  useEffect(() => {
    const t = setTimeout(() => writePreference(PREFERENCE_KEYS.columnSizes, sizing), 300);
    return () => clearTimeout(t);
  }, [sizing]);
  return [sizing, setSizing] as const;
}

/** The children of the current customer: a virtualised, keyboard-driven, multi-select grid with
 * sortable, resizable columns and a sticky header. Focus stays on the grid; the active row is
 * announced through aria-activedescendant. */
export function CustomerTable(props: CustomerTableProps) {
  const { label, count, rowAt, activeIndex, selectedIds, childCountOf, sort, onSortChange, headerSelection, onHeaderSelect } = props;
  const { onActiveChange, onOpen, onToggle, onExtend, onSelectAll, onClearSelection, onUp, onQuickJump, onRangeChange, empty, autoFocus } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const baseId = useId();
  const rowId = useCallback((index: number) => `${baseId}-row-${index}`, [baseId]);

  const [columnSizing, setColumnSizing] = useColumnSizing();
  const sorting: SortingState = useMemo(() => [{ id: sort.field, desc: sort.direction === 'desc' }], [sort]);
  const table = useTable({
    features: tableFeaturesUsed,
    columns: CUSTOMER_COLUMNS,
    data: NO_ROWS,
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    // A first click sorts A→Z / staging first; the count and date columns ask for newest/most first.
    sortDescFirst: false,
    columnResizeMode: 'onChange',
    state: { sorting, columnSizing },
    onColumnSizingChange: setColumnSizing,
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (first) onSortChange({ field: first.id as SortField, direction: first.desc ? 'desc' : 'asc' });
    },
  });
  const columns = table.getAllLeafColumns();
  const totalWidth = table.getTotalSize();
  const widths = Object.fromEntries(columns.map((c) => [widthVar(c.id), `${c.getSize()}px`])) as CSSProperties;
  // About one chip per 80 px, room kept for "+N"; rows re-render only when this changes.
  const tagLimit = Math.max(1, Math.floor(((table.getColumn('tags')?.getSize() ?? 124) - 30) / 80));

  // TanStack Virtual returns fresh functions each render by design; the React Compiler
  // therefore skips this component, which is what we want (rows are memoised by hand).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    scrollMargin: HEADER_HEIGHT,
    // Rows scrolled to by keyboard stay clear of the sticky header.
    scrollPaddingStart: HEADER_HEIGHT,
    // Let React batch scroll-driven renders instead of rendering inside the scroll event:
    // fewer long frames when scrolling fast (overscan hides the one-frame lag).
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (last >= first) onRangeChange?.(first, last);
  }, [first, last, onRangeChange]);

  const focusGrid = useCallback(() => scrollRef.current?.focus({ preventScroll: true }), []);
  useEffect(() => {
    if (autoFocus && (document.activeElement === null || document.activeElement === document.body)) focusGrid();
  }, [autoFocus, focusGrid]);
  const onPointer = useCallback(
    (index: number, e: MouseEvent) => {
      if (e.shiftKey) {
        e.preventDefault(); // no text selection
        onExtend(index);
      } else if (e.ctrlKey || e.metaKey) {
        const customer = rowAt(index);
        if (customer) onToggle(index, customer);
      }
      onActiveChange(index);
      focusGrid();
    },
    [onExtend, onToggle, onActiveChange, rowAt, focusGrid],
  );
  const onCheck = useCallback(
    (index: number, customer: Customer) => {
      onToggle(index, customer);
      onActiveChange(index);
      focusGrid();
    },
    [onToggle, onActiveChange, focusGrid],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys on the header's own controls (sort buttons, check box, resize handles) are theirs.
    if (e.target !== e.currentTarget) return;
    const page = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
    const action = listKeyAction(e, activeIndex, count, page);
    if (!action) return;
    e.preventDefault();
    switch (action.type) {
      case 'move':
      case 'extend':
        if (action.type === 'extend') onExtend(action.index);
        onActiveChange(action.index);
        virtualizer.scrollToIndex(action.index, { align: 'auto' });
        return;
      case 'open': {
        const customer = rowAt(action.index);
        if (customer) onOpen(customer);
        return;
      }
      case 'toggle': {
        const customer = rowAt(action.index);
        if (customer) onToggle(action.index, customer);
        return;
      }
      case 'selectAll':
        onSelectAll();
        return;
      case 'clearSelection':
        onClearSelection();
        return;
      case 'up':
        onUp();
        return;
      case 'quickJump':
        onQuickJump();
        return;
    }
  };

  const activeRendered = activeIndex >= first && activeIndex <= last;

  return (
    <Box position="relative" height="100%">
      <Box
        ref={scrollRef}
        role="grid"
        aria-label={label}
        aria-multiselectable
        aria-rowcount={count + 1}
        aria-colcount={columns.length}
        aria-activedescendant={activeIndex >= 0 && activeRendered ? rowId(activeIndex) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        height="100%"
        overflow="auto"
        position="relative"
        contain="strict"
        data-testid="customer-list"
        css={gridCss}
        style={widths}
      >
        <HeaderRow table={table} sorting={sorting} columnSizing={columnSizing} headerSelection={headerSelection} onHeaderSelect={onHeaderSelect} totalWidth={totalWidth} />
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), minWidth: totalWidth, width: '100%', position: 'relative' }}>
          {items.map((item) => {
            const customer = rowAt(item.index);
            return (
              <Row
                key={customer?.id ?? `loading-${item.index}`}
                id={rowId(item.index)}
                index={item.index}
                start={item.start - HEADER_HEIGHT}
                customer={customer}
                active={item.index === activeIndex}
                selected={customer ? selectedIds.has(customer.id) : false}
                childCount={customer ? childCountOf?.(customer.id) : undefined}
                tagLimit={tagLimit}
                onPointer={onPointer}
                onOpen={onOpen}
                onCheck={onCheck}
              />
            );
          })}
        </div>
      </Box>
      {/* Outside the grid: a grid may hold only rows. */}
      {count === 0 && empty ? (
        <div style={{ position: 'absolute', top: HEADER_HEIGHT, left: 0, right: 0, padding: 16 }} data-testid="table-empty">
          {empty}
        </div>
      ) : null}
    </Box>
  );
}

const NO_ROWS: Customer[] = [];

type Table = ReturnType<typeof useTable<typeof tableFeaturesUsed, Customer>>;

interface HeaderRowProps {
  table: Table;
  /** The state the header shows: it re-renders when these change, not on every scroll step. */
  sorting: SortingState;
  columnSizing: ColumnSizingState;
  headerSelection: HeaderSelection;
  onHeaderSelect: () => void;
  totalWidth: number;
}

/** The sticky header: the select-all check box and the column titles (sort, resize). */
const HeaderRow = memo(function HeaderRow({ table, headerSelection, onHeaderSelect, totalWidth }: HeaderRowProps) {
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  return (
    <div role="rowgroup" style={{ position: 'sticky', top: 0, zIndex: 1, minWidth: totalWidth, background: 'var(--chakra-colors-bg-subtle)' }}>
      <div role="row" aria-rowindex={1} style={{ display: 'flex', height: HEADER_HEIGHT, alignItems: 'stretch', borderBottom: '1px solid var(--chakra-colors-border)', fontSize: 12, fontWeight: 600 }}>
        {headers.map((header) =>
          header.column.id === 'select' ? <SelectAllHeader key={header.id} state={headerSelection} onClick={onHeaderSelect} /> : <ColumnHeader key={header.id} header={header} />,
        )}
      </div>
    </div>
  );
});

function SelectAllHeader({ state, onClick }: { state: HeaderSelection; onClick: () => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some';
  }, [state]);
  return (
    <div role="columnheader" style={{ ...CELL.select, cursor: 'default' }}>
      <input
        ref={ref}
        type="checkbox"
        checked={state === 'all'}
        onChange={onClick}
        aria-label={state === 'all' ? 'Unselect the rows shown' : 'Select the rows shown'}
        data-testid="select-all"
        style={{ margin: 0, cursor: 'pointer' }}
      />
    </div>
  );
}

type TableHeader = Header<typeof tableFeaturesUsed, Customer, unknown>;

function ColumnHeader({ header }: { header: TableHeader }) {
  const { column } = header;
  const title = String(column.columnDef.header);
  const sorted = column.getIsSorted();
  const canSort = column.getCanSort();
  const size = column.getSize();
  const min = column.columnDef.minSize ?? 20;
  const max = column.columnDef.maxSize ?? 2000;
  const resize = (delta: number) => header.getContext().table.setColumnSizing((old) => ({ ...old, [column.id]: Math.max(min, Math.min(max, size + delta)) }));
  const style: CSSProperties = { ...(CELL[column.id as keyof typeof CELL] ?? cell(column.id)), position: 'relative', display: 'flex', alignItems: 'center', fontWeight: 600, fontFamily: 'inherit', fontSize: 12, color: 'inherit' };
  return (
    <div role="columnheader" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined} style={style} data-column={column.id}>
      {canSort ? (
        <button type="button" onClick={column.getToggleSortingHandler()} title={`Sort by ${title.toLowerCase()}`}>
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{title}</span>
          <span aria-hidden style={{ opacity: sorted ? 1 : 0.35 }}>
            {sorted === 'desc' ? '▼' : sorted === 'asc' ? '▲' : '↕'}
          </span>
        </button>
      ) : (
        <span>{title}</span>
      )}
      {column.getCanResize() ? (
        <div
          role="separator"
          aria-orientation="vertical"
          aria-label={`Width of the ${title.toLowerCase()} column (←/→ to resize)`}
          aria-valuenow={size}
          aria-valuemin={min}
          aria-valuemax={max}
          tabIndex={0}
          data-resizing={column.getIsResizing()}
          onMouseDown={header.getResizeHandler()}
          onTouchStart={header.getResizeHandler()}
          onDoubleClick={() => column.resetSize()}
          onKeyDown={(e) => {
            if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
              e.preventDefault();
              resize(e.key === 'ArrowLeft' ? -RESIZE_STEP : RESIZE_STEP);
            }
          }}
          style={{ position: 'absolute', right: 0, top: 4, bottom: 4, width: 5, cursor: 'col-resize', borderRight: '1px solid var(--chakra-colors-border)', touchAction: 'none' }}
        />
      ) : null}
    </div>
  );
}
