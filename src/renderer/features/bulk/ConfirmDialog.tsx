import { Button, Dialog, Field, Input, Portal, Text } from '@chakra-ui/react';
import { useState } from 'react';
import type { PlanDrift, TargetState } from '../../../shared/bulk/types';
import { plural } from '../../shared-ui';
import { requiresTypedCount, typedCountMatches } from '../../../shared/bulk/confirm-rule';
import { ROUTING_WORDS, routingOfTarget } from '../../../shared/routing-words';
import { DriftList } from './DriftList';
import { ReturnByField } from './ReturnByField';

export interface ConfirmDialogProps {
  open: boolean;
  changeCount: number;
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
export function ConfirmDialog({ open, changeCount, target, serverLabel, serverIsProduction, accountName, differences, onConfirm, onCancel }: ConfirmDialogProps) {
  const [typed, setTyped] = useState('');
  const needsTyping = requiresTypedCount(changeCount, serverIsProduction);
  const confirmed = !needsTyping || typedCountMatches(typed, changeCount);
  const close = () => {
    setTyped('');
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
              <Text mb="2">
                {plural(changeCount, 'customer')} in account {accountName ?? '(unknown)'} on {serverLabel}: afterwards{' '}
                <strong>{ROUTING_WORDS[routingOfTarget(target)].description}</strong>. You can undo the run afterwards from History.
              </Text>
              <ReturnByField target={target} />
              {serverIsProduction ? (
                <Text mb="2" color="red.fg" fontWeight="semibold">
                  This is the production Evo Voice server.
                </Text>
              ) : null}
              {needsTyping ? (
                <Field.Root>
                  <Field.Label>Type {changeCount} to confirm</Field.Label>
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
