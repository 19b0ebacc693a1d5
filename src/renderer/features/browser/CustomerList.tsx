import { Box } from '@chakra-ui/react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useId, useRef, type CSSProperties, type KeyboardEvent } from 'react';
import type { Customer } from '../../../shared/evo/schemas';
import type { Tag } from '../../../shared/evo/schemas';
import { StagingBadge, TagChip } from '../../shared-ui';
import { listKeyAction } from './list-keys';

export const ROW_HEIGHT = 44;

export interface CustomerListProps {
  /** Accessible name, e.g. "Children of Acme". */
  label: string;
  /** Rows in the list (all pages, loaded or not). */
  count: number;
  /** The customer at a row, or undefined while its page is loading. */
  rowAt: (index: number) => Customer | undefined;
  activeIndex: number;
  selectedIds: ReadonlySet<string>;
  /** Number of children where known (cache or an earlier visit). */
  childCountOf?: (customerId: string) => number | undefined;
  onActiveChange: (index: number) => void;
  onOpen: (customer: Customer) => void;
  onToggleSelect: (customer: Customer) => void;
  onUp: () => void;
  onQuickJump: () => void;
  /** Rows now rendered (visible + overscan): the caller loads their pages. */
  onRangeChange?: (start: number, end: number) => void;
  height?: number | string;
}

/* One style object for the list (module constant, so it is not re-serialised on each render):
 * the active row is outlined while the list has focus (the focus indicator, since focus stays
 * on the listbox), selected rows are tinted. */
const listCss = {
  outline: 'none',
  '& [data-active=true]': { background: 'rgba(49,130,206,0.10)' },
  '&:focus-visible [data-active=true], &:focus [data-active=true]': { outline: '2px solid #3182ce', outlineOffset: '-2px' },
  '& [aria-selected=true]': { background: 'rgba(250,140,22,0.12)' },
} as const;

const rowStyle: CSSProperties = {
  position: 'absolute',
  top: 0,
  left: 0,
  width: '100%',
  height: ROW_HEIGHT,
  display: 'flex',
  alignItems: 'center',
  gap: 10,
  padding: '0 10px',
  boxSizing: 'border-box',
  borderBottom: '1px solid rgba(128,128,128,0.2)',
  cursor: 'default',
  overflow: 'hidden',
};
// The name may take at most half the row, so tag chips stay visible next to long names.
const nameStyle: CSSProperties = { fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0, maxWidth: '50%', flex: '0 1 auto' };
const refStyle: CSSProperties = { fontFamily: 'monospace', fontSize: 12, opacity: 0.7, whiteSpace: 'nowrap' };
const tagsStyle: CSSProperties = { display: 'flex', alignItems: 'center', gap: 4, flex: '0 0 auto', fontSize: 12 };
const countStyle: CSSProperties = { fontSize: 12, opacity: 0.7, whiteSpace: 'nowrap', marginLeft: 'auto' };
const checkStyle: CSSProperties = { width: 18, textAlign: 'center', flex: '0 0 auto', fontSize: 16 };

interface RowProps {
  id: string;
  index: number;
  start: number;
  count: number;
  customer: Customer | undefined;
  active: boolean;
  selected: boolean;
  childCount: number | undefined;
  onActivate: (index: number) => void;
  onOpen: (customer: Customer) => void;
  onToggle: (customer: Customer) => void;
}

/* Memoised: scrolling re-renders only rows whose position or state changed. */
const Row = memo(function Row({ id, index, start, count, customer, active, selected, childCount, onActivate, onOpen, onToggle }: RowProps) {
  const style = { ...rowStyle, transform: `translateY(${start}px)` };
  if (!customer)
    return (
      <div id={id} role="option" aria-selected={false} aria-busy aria-posinset={index + 1} aria-setsize={count} style={style} data-index={index}>
        <span style={{ opacity: 0.5 }}>Loading…</span>
      </div>
    );
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={count}
      data-index={index}
      data-active={active}
      data-customer-id={customer.id}
      style={style}
      onMouseDown={() => onActivate(index)}
      onDoubleClick={() => onOpen(customer)}
    >
      <span
        aria-hidden
        style={checkStyle}
        data-testid="row-check"
        onClick={(e) => {
          e.stopPropagation();
          onToggle(customer);
        }}
      >
        {selected ? '☑' : '☐'}
      </span>
      <span style={nameStyle} data-testid="row-name">
        {customer.name ?? '(no name)'}
      </span>
      {customer.referenceId ? <span style={refStyle}>{customer.referenceId}</span> : null}
      <StagingBadge isStaging={customer.isStaging} />
      <RowTags tags={customer.tags ?? []} />
      {childCount !== undefined ? <span style={countStyle}>{childCount === 1 ? '1 child' : `${childCount.toLocaleString('en-US')} children`}</span> : null}
    </div>
  );
});

/** Tags fitting a row: the first few as chips, the rest as "+N" naming them (the detail panel shows all). */
const ROW_TAG_LIMIT = 2;
function RowTags({ tags }: { tags: Tag[] }) {
  const hidden = tags.slice(ROW_TAG_LIMIT);
  const hiddenNames = hidden.map((t) => t.name ?? t.id ?? '').join(', ');
  return (
    <span style={tagsStyle}>
      {tags.slice(0, ROW_TAG_LIMIT).map((tag) => (
        <TagChip key={tag.id} tag={tag} />
      ))}
      {hidden.length ? (
        <span title={hiddenNames} aria-label={`and ${hidden.length} more: ${hiddenNames}`} data-testid="row-more-tags">
          +{hidden.length}
        </span>
      ) : null}
    </span>
  );
}

/** The children of the current customer: a virtualised, keyboard-driven, multi-select listbox.
 * Focus stays on the listbox; the active row is announced through aria-activedescendant. */
export function CustomerList(props: CustomerListProps) {
  const { label, count, rowAt, activeIndex, selectedIds, childCountOf, onActiveChange, onOpen, onToggleSelect, onUp, onQuickJump, onRangeChange, height = '100%' } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const baseId = useId();
  const optionId = useCallback((index: number) => `${baseId}-opt-${index}`, [baseId]);

  // TanStack Virtual returns fresh functions each render by design; the React Compiler
  // therefore skips this component, which is what we want (rows are memoised by hand).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
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

  const activate = useCallback(
    (index: number) => {
      onActiveChange(index);
      scrollRef.current?.focus({ preventScroll: true });
    },
    [onActiveChange],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const action = listKeyAction(e, activeIndex, count, page);
    if (!action) return;
    e.preventDefault();
    switch (action.type) {
      case 'move':
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
        if (customer) onToggleSelect(customer);
        return;
      }
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
    <Box
      ref={scrollRef}
      role="listbox"
      aria-label={label}
      aria-multiselectable
      aria-activedescendant={activeIndex >= 0 && activeRendered ? optionId(activeIndex) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      height={height}
      overflowY="auto"
      position="relative"
      contain="strict"
      data-testid="customer-list"
      css={listCss}
    >
      <div style={{ height: virtualizer.getTotalSize(), width: '100%', position: 'relative' }}>
        {items.map((item) => {
          const customer = rowAt(item.index);
          return (
            <Row
              key={customer?.id ?? `loading-${item.index}`}
              id={optionId(item.index)}
              index={item.index}
              start={item.start}
              count={count}
              customer={customer}
              active={item.index === activeIndex}
              selected={customer ? selectedIds.has(customer.id) : false}
              childCount={customer ? childCountOf?.(customer.id) : undefined}
              onActivate={activate}
              onOpen={onOpen}
              onToggle={onToggleSelect}
            />
          );
        })}
      </div>
    </Box>
  );
}
