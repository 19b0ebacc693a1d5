import { Box, Button, DataList, Dialog, Field, Input, Portal, Text } from '@chakra-ui/react';
import { useState } from 'react';
import type { PlanCounts, PlanDrift, TargetState } from '../../../shared/bulk/types';
import { plural } from '../../shared-ui';
import { requiresTypedCount, typedCountMatches } from '../../../shared/bulk/confirm-rule';
import { ROUTING_WORDS, routingOfTarget } from '../../../shared/routing-words';
import { DriftList } from './DriftList';
import { useUiStore } from '../../app/ui-store';
import { ReturnByField } from './ReturnByField';
import { returnByProblem } from './use-start-run';

export interface ConfirmDialogProps {
  open: boolean;
  changeCount: number;
  /** The target in words ("Two Hundred Partners and its 199 descendants"). */
  subject: string;
  /** The plan's counts: its size and what it leaves alone. */
  planCounts: PlanCounts;
  target: TargetState;
  serverLabel: string;
  serverIsProduction: boolean;
  accountName: string | null;
  /** The customers changed since the plan the person confirmed: this is a new confirmation of the plan as it is now. */
  differences?: PlanDrift | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The last step before a bulk write: says exactly what will change where, and for large
 * runs or the production server asks for the count to be typed. With `differences` it asks
 * again, for the plan as it is now. */
export function ConfirmDialog({ open, changeCount, subject, planCounts, target, serverLabel, serverIsProduction, accountName, differences, onConfirm, onCancel }: ConfirmDialogProps) {
  const [typed, setTyped] = useState('');
  const returnBy = useUiStore((s) => s.returnBy);
  const setReturnBy = useUiStore((s) => s.setReturnBy);
  const needsTyping = requiresTypedCount(changeCount, serverIsProduction);
  const returnByOk = target !== 'staging' || returnByProblem(returnBy) === null;
  const confirmed = returnByOk && (!needsTyping || typedCountMatches(typed, changeCount));
  const close = () => {
    setTyped('');
    // A return-by is chosen for this change only: a cancelled one is not offered to the next.
    setReturnBy({ kind: 'none' });
    onCancel();
  };
  return (
    <Dialog.Root open={open} onOpenChange={(d) => (d.open ? undefined : close())} role="alertdialog" lazyMount unmountOnExit>
      <Portal>
        <Dialog.Backdrop />
        <Dialog.Positioner>
          <Dialog.Content data-testid="confirm-dialog">
            <Dialog.Header>
              <Dialog.Title>
                {differences ? 'The customers changed since the plan. ' : ''}Move {plural(changeCount, 'customer')} {ROUTING_WORDS[routingOfTarget(target)].moveTo}?
              </Dialog.Title>
            </Dialog.Header>
            <Dialog.Body>
              {differences ? (
                <>
                  <Text mb="2">Nothing was written. This is the plan as the customers are now; confirm it to go on.</Text>
                  <DriftList drift={differences} />
                </>
              ) : null}
              <DataList.Root orientation="horizontal" size="sm" mb="3" data-testid="confirm-facts">
                <DataList.Item>
                  <DataList.ItemLabel>Target</DataList.ItemLabel>
                  <DataList.ItemValue data-testid="confirm-subject">{subject}</DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>Size</DataList.ItemLabel>
                  <DataList.ItemValue data-testid="confirm-size">
                    <span>
                      {plural(planCounts.total + (planCounts.excluded ?? 0), 'customer')}: <strong>{changeCount.toLocaleString('en-US')} to change</strong>
                      {leftAlone(planCounts)}
                    </span>
                  </DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>Server</DataList.ItemLabel>
                  <DataList.ItemValue data-testid="confirm-server">
                    <Box as="span" color={serverIsProduction ? 'red.fg' : undefined} fontWeight={serverIsProduction ? 'semibold' : undefined}>
                      {serverLabel}
                      {serverIsProduction ? ' — the production Evo Voice server' : ''}
                    </Box>
                  </DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>Account</DataList.ItemLabel>
                  <DataList.ItemValue data-testid="confirm-account">{accountName ?? '(unknown)'}</DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>Afterwards</DataList.ItemLabel>
                  <DataList.ItemValue>{ROUTING_WORDS[routingOfTarget(target)].description}</DataList.ItemValue>
                </DataList.Item>
              </DataList.Root>
              <Text mb="3" fontSize="sm" color="fg.muted">
                Only these {plural(changeCount, 'customer')} are written, and only while they are as the plan showed them. You can undo the run afterwards from History.
              </Text>
              <ReturnByField target={target} />
              {needsTyping ? (
                <Field.Root>
                  <Field.Label>Type {changeCount} (the number of customers to change) to confirm</Field.Label>
                  <Input
                    autoFocus
                    inputMode="numeric"
                    value={typed}
                    onChange={(e) => setTyped(e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' && confirmed) onConfirm();
                    }}
                    data-testid="confirm-count-input"
                  />
                </Field.Root>
              ) : null}
            </Dialog.Body>
            <Dialog.Footer>
              <Button variant="outline" onClick={close}>
                Cancel
              </Button>
              <Button colorPalette={target === 'staging' ? 'orange' : 'blue'} disabled={!confirmed} onClick={onConfirm} data-testid="confirm-run">
                Move {ROUTING_WORDS[routingOfTarget(target)].moveTo}
              </Button>
            </Dialog.Footer>
          </Dialog.Content>
        </Dialog.Positioner>
      </Portal>
    </Dialog.Root>
  );
}

/** "; not changed: 23 already there, 2 not accessible" (what the plan leaves alone), or nothing. */
function leftAlone(counts: PlanCounts): string {
  const parts = [
    counts.alreadyInState ? `${counts.alreadyInState.toLocaleString('en-US')} already there` : '',
    counts.notAccessible ? `${counts.notAccessible.toLocaleString('en-US')} not accessible` : '',
    counts.unreadable ? `${counts.unreadable.toLocaleString('en-US')} could not be read` : '',
    counts.excluded ? `${counts.excluded.toLocaleString('en-US')} left out by you` : '',
  ].filter(Boolean);
  return parts.length > 0 ? `; not changed: ${parts.join(', ')}` : '';
}
