import { Box, Dialog, Input, Portal, Text } from '@chakra-ui/react';
import { useId, useState, type KeyboardEvent } from 'react';
import type { Customer } from '../../../shared/evo/schemas';
import { RoutingPill } from '../../shared-ui';

export interface QuickJumpDialogProps {
  open: boolean;
  query: string;
  onQueryChange: (text: string) => void;
  results: Customer[];
  loading: boolean;
  /** e.g. "offline copy, as of …" when answered from the cache. */
  note?: string;
  errorMessage?: string;
  onPick: (customer: Customer) => void;
  onClose: () => void;
}

const pathOf = (c: Customer) => (c.breadcrumb ?? []).map((b) => b.name ?? b.id).join(' / ');

/** Ctrl/Cmd+K: type part of a name, ↑/↓ to choose, Enter to go there (a combobox). */
export function QuickJumpDialog({ open, query, onQueryChange, results, loading, note, errorMessage, onPick, onClose }: QuickJumpDialogProps) {
  const [active, setActive] = useState(0);
  const listId = useId();
  const current = Math.min(active, Math.max(results.length - 1, 0));
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive(Math.min(current + 1, results.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(Math.max(current - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const pick = results[current];
      if (pick) onPick(pick);
    }
  };
  return (
    <Dialog.Root open={open} onOpenChange={(d) => (d.open ? undefined : onClose())} lazyMount unmountOnExit placement="top">
      <Portal>
        <Dialog.Backdrop />
        <Dialog.Positioner>
          <Dialog.Content data-testid="quick-jump">
            <Dialog.Header>
              <Dialog.Title>Go to customer</Dialog.Title>
            </Dialog.Header>
            <Dialog.Body>
              <Input
                autoFocus
                role="combobox"
                aria-expanded={results.length > 0}
                aria-controls={listId}
                aria-activedescendant={results[current] ? `${listId}-${current}` : undefined}
                aria-label="Customer name"
                placeholder="Type part of a name"
                value={query}
                onChange={(e) => {
                  setActive(0);
                  onQueryChange(e.target.value);
                }}
                onKeyDown={onKeyDown}
              />
              {note ? (
                <Text fontSize="xs" color="yellow.fg" mt="1">
                  {note}
                </Text>
              ) : null}
              <Box as="ul" id={listId} role="listbox" aria-label="Matching customers" mt="2" maxH="50vh" overflowY="auto" pl="0" listStyleType="none">
                {results.map((c, i) => (
                  <Box
                    as="li"
                    key={c.id}
                    id={`${listId}-${i}`}
                    role="option"
                    aria-selected={i === current}
                    px="2"
                    py="1"
                    borderRadius="sm"
                    cursor="pointer"
                    bg={i === current ? 'blue.subtle' : undefined}
                    onMouseEnter={() => setActive(i)}
                    onClick={() => onPick(c)}
                  >
                    <Text as="span" fontWeight="semibold">
                      {c.name ?? c.id}
                    </Text>{' '}
                    <RoutingPill isStaging={c.isStaging} />
                    <Text fontSize="xs" color="fg.muted">
                      {pathOf(c) || 'top level'}
                    </Text>
                  </Box>
                ))}
              </Box>
              <Text fontSize="sm" color="fg.muted" mt="1" role="status">
                {errorMessage ?? (loading ? 'Searching…' : query.trim() && results.length === 0 ? 'No customer matches.' : '')}
              </Text>
            </Dialog.Body>
          </Dialog.Content>
        </Dialog.Positioner>
      </Portal>
    </Dialog.Root>
  );
}
