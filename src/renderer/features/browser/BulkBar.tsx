/* Appears with a selection, like a mail client's: how many are selected (and the offer to
 * select all rows matching the filter), what the change would cover (with descendants, where
 * the offline copy knows the subtree sizes), where to route them, and "Plan". Nothing is
 * written from here: planning only reads, and the plan opens in the bulk tab for review.
 * The actions are one group so more can join them (one-customer toggle, quick actions). */
import { Box, Button, Checkbox, HStack, NativeSelect, Text } from '@chakra-ui/react';
import type { TargetState } from '../../../shared/bulk/types';
import type { AppErrorData } from '../../../shared/errors';
import { ROUTING_WORDS } from '../../../shared/routing-words';
import { plural } from '../../shared-ui';

export interface SubtreeEstimate {
  /** Descendants of the selected customers known to the offline copy. */
  descendants: number;
  /** Every selected customer's subtree is fully known. */
  complete: boolean;
}

export interface BulkBarProps {
  selectedCount: number;
  /** Rows in the whole filtered list, to offer "select all N matching". */
  selectAllOffer: { total: number; pending: boolean; onSelectAll: () => void } | null;
  subtree: SubtreeEstimate | null;
  includeDescendants: boolean;
  onIncludeDescendantsChange: (include: boolean) => void;
  target: TargetState;
  onTargetChange: (target: TargetState) => void;
  onPlan: () => void;
  planning: boolean;
  error: AppErrorData | null;
  onClear: () => void;
}

export function BulkBar(props: BulkBarProps) {
  const { selectedCount, selectAllOffer, subtree, includeDescendants, onIncludeDescendantsChange, target, onTargetChange, onPlan, planning, error, onClear } = props;
  const descendantsText = subtree === null ? 'sizes unknown until planned' : `${subtree.complete ? '' : 'at least '}${plural(subtree.descendants, 'descendant')}`;
  return (
    <Box role="region" aria-label="Selection" data-testid="bulk-bar" borderWidth="1px" borderColor="blue.muted" bg="blue.subtle" borderRadius="md" px="3" py="1.5" mb="2">
      <HStack gap="3" wrap="wrap" rowGap="1">
        <Text fontSize="sm" fontWeight="semibold" data-testid="selection-count" aria-live="polite">
          {plural(selectedCount, 'customer')} selected
        </Text>
        {selectAllOffer ? (
          <Button size="xs" variant="outline" onClick={selectAllOffer.onSelectAll} loading={selectAllOffer.pending} data-testid="select-all-matching">
            Select all {selectAllOffer.total.toLocaleString('en-US')} matching
          </Button>
        ) : null}
        <Checkbox.Root size="sm" checked={includeDescendants} onCheckedChange={(d) => onIncludeDescendantsChange(d.checked === true)} data-testid="include-descendants">
          <Checkbox.HiddenInput />
          <Checkbox.Control />
          <Checkbox.Label fontSize="sm">with their descendants ({descendantsText})</Checkbox.Label>
        </Checkbox.Root>
        <HStack gap="2" ml="auto">
          <NativeSelect.Root size="xs" width="auto">
            <NativeSelect.Field aria-label="Route their calls to" value={target} onChange={(e) => onTargetChange(e.currentTarget.value as TargetState)} data-testid="bulk-bar-target">
              <option value="staging">Route to {ROUTING_WORDS.staging.label.toLowerCase()}</option>
              <option value="production">Back to {ROUTING_WORDS.normal.label.toLowerCase()}</option>
            </NativeSelect.Field>
            <NativeSelect.Indicator />
          </NativeSelect.Root>
          <Button size="xs" colorPalette="blue" onClick={onPlan} loading={planning} data-testid="bulk-bar-plan" title="Prepare a plan to review; nothing changes until you confirm it">
            Plan…
          </Button>
          <Button size="xs" variant="ghost" onClick={onClear} title="Escape">
            Clear
          </Button>
        </HStack>
      </HStack>
      {error ? (
        <Text fontSize="sm" color="red.fg" role="alert" mt="1">
          {error.message}
        </Text>
      ) : null}
    </Box>
  );
}
