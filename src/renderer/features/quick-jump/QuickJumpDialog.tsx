import { Box, Button, Dialog, HStack, Input, Kbd, Portal, Text } from '@chakra-ui/react';
import { useId, useState, type KeyboardEvent } from 'react';
import type { Customer } from '../../../shared/evo/schemas';
import { RoutingPill } from '../../shared-ui';

export type QuickJumpAction = 'goTo' | 'toggle' | 'planSubtree';

export interface QuickJumpDialogProps {
  open: boolean;
  query: string;
  onQueryChange: (text: string) => void;
  results: Customer[];
  loading: boolean;
  /** e.g. "offline copy, as of …" when answered from the cache. */
  note?: string | undefined;
  /** How far reference ids were looked up. */
  coverage?: string | undefined;
  errorMessage?: string | undefined;
  /** Why changes cannot be made now (offline…); the toggle is then disabled. */
  writeBlockedReason?: string | null;
  /** The words of the actions on a customer ("Move to staging", "Plan its subtree → staging"). */
  actionLabels: (customer: Customer) => { toggle: string; planSubtree: string };
  onAction: (customer: Customer, action: QuickJumpAction) => void;
  onClose: () => void;
}

const pathOf = (c: Customer) => (c.breadcrumb ?? []).filter((b) => b.id !== c.id).map((b) => b.name ?? b.id).join(' / ');

/** The action a key runs on the chosen customer: Enter goes there, Shift+Enter moves its routing, Alt+Enter plans its subtree. */
function actionOfKey(e: KeyboardEvent): QuickJumpAction | null {
  if (e.key !== 'Enter') return null;
  if (e.shiftKey) return 'toggle';
  if (e.altKey) return 'planSubtree';
  return 'goTo';
}

/** Ctrl/Cmd+K: type part of a name, a reference id or an id; ↑/↓ to choose; Enter and its variants act (a combobox). */
export function QuickJumpDialog(props: QuickJumpDialogProps) {
  const { open, query, onQueryChange, results, loading, note, coverage, errorMessage, writeBlockedReason, actionLabels, onAction, onClose } = props;
  const [active, setActive] = useState(0);
  const listId = useId();
  const current = Math.min(active, Math.max(results.length - 1, 0));
  const chosen = results[current];
  const run = (action: QuickJumpAction) => {
    if (!chosen || (action === 'toggle' && writeBlockedReason)) return;
    onAction(chosen, action);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const action = actionOfKey(e);
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive(Math.min(current + 1, results.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(Math.max(current - 1, 0));
    } else if (action) {
      e.preventDefault();
      run(action);
    }
  };
  return (
    <Dialog.Root open={open} onOpenChange={(d) => (d.open ? undefined : onClose())} lazyMount unmountOnExit placement="top">
      <Portal>
        <Dialog.Backdrop />
        <Dialog.Positioner>
          <Dialog.Content data-testid="quick-jump">
            <Dialog.Header>
              <Dialog.Title>Find a customer</Dialog.Title>
            </Dialog.Header>
            <Dialog.Body>
              <Input
                autoFocus
                role="combobox"
                aria-expanded={results.length > 0}
                aria-controls={listId}
                aria-activedescendant={chosen ? `${listId}-${current}` : undefined}
                aria-label="Customer name, reference id or id"
                placeholder="Name, reference id or id"
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
              <Box as="ul" id={listId} role="listbox" aria-label="Matching customers" mt="2" maxH="45vh" overflowY="auto" pl="0" listStyleType="none">
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
                    onClick={() => onAction(c, 'goTo')}
                  >
                    <Text as="span" fontWeight="semibold">
                      {c.name ?? c.id}
                    </Text>{' '}
                    <RoutingPill isStaging={c.isStaging} />
                    {c.referenceId ? (
                      <Text as="span" fontSize="xs" color="fg.muted" ml="2" whiteSpace="nowrap">
                        ref {c.referenceId}
                      </Text>
                    ) : null}
                    <Text fontSize="xs" color="fg.muted">
                      {pathOf(c) || 'top level'}
                    </Text>
                  </Box>
                ))}
              </Box>
              {chosen ? (
                <HStack gap="2" mt="2" wrap="wrap" role="group" aria-label={`Actions for ${chosen.name ?? chosen.id}`} data-testid="quick-jump-actions">
                  <Button size="xs" variant="outline" onClick={() => run('goTo')}>
                    Go to <Kbd size="sm">Enter</Kbd>
                  </Button>
                  <Button size="xs" variant="outline" onClick={() => run('toggle')} disabled={Boolean(writeBlockedReason)} title={writeBlockedReason ?? undefined}>
                    {actionLabels(chosen).toggle} <Kbd size="sm">Shift+Enter</Kbd>
                  </Button>
                  <Button size="xs" variant="outline" onClick={() => run('planSubtree')}>
                    {actionLabels(chosen).planSubtree} <Kbd size="sm">Alt+Enter</Kbd>
                  </Button>
                </HStack>
              ) : null}
              <Text fontSize="sm" color="fg.muted" mt="1" role="status">
                {errorMessage ?? (loading ? 'Searching…' : query.trim() && results.length === 0 ? 'No customer matches.' : '')}
              </Text>
              {coverage ? (
                <Text fontSize="xs" color="fg.muted">
                  {coverage}
                </Text>
              ) : null}
            </Dialog.Body>
          </Dialog.Content>
        </Dialog.Positioner>
      </Portal>
    </Dialog.Root>
  );
}
