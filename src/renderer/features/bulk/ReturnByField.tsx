/* "Return to normal routing by …" in the confirm dialog of a move to staging: none, a duration
 * (counted from the moment the run starts) or a time. Staging is meant to be temporary; a run
 * with a return-by makes its customers show up as due, then overdue, until they are back. */
import { Field, HStack, Input, NativeSelect, Text } from '@chakra-ui/react';
import type { TargetState } from '../../../shared/bulk/types';
import { useUiStore, type ReturnByChoice } from '../../app/ui-store';
import { formatDateTime } from '../../shared-ui';
import { resolveReturnBy, returnByProblem } from './use-start-run';

const HOUR = 3_600_000;
const DURATIONS = [1, 2, 4, 8, 24] as const;

const choiceValue = (c: ReturnByChoice) => (c.kind === 'in' ? `in:${c.ms}` : c.kind);

export function ReturnByField({ target }: { target: TargetState }) {
  const choice = useUiStore((s) => s.returnBy);
  const setChoice = useUiStore((s) => s.setReturnBy);
  if (target !== 'staging') return null;
  const resolved = resolveReturnBy(choice);
  const problem = returnByProblem(choice);
  const onSelect = (value: string) => {
    if (value === 'none') setChoice({ kind: 'none' });
    else if (value === 'at') setChoice({ kind: 'at', local: '' });
    else setChoice({ kind: 'in', ms: Number(value.slice(3)) });
  };
  return (
    <Field.Root mb="2" data-testid="return-by" invalid={problem !== null}>
      <Field.Label>Return to normal routing by</Field.Label>
      <HStack gap="2" wrap="wrap">
        <NativeSelect.Root size="sm" width="auto">
          <NativeSelect.Field value={choiceValue(choice)} onChange={(e) => onSelect(e.currentTarget.value)} data-testid="return-by-choice">
            <option value="none">No return time</option>
            {DURATIONS.map((h) => (
              <option key={h} value={`in:${h * HOUR}`}>
                in {h} h
              </option>
            ))}
            <option value="at">at a time…</option>
          </NativeSelect.Field>
          <NativeSelect.Indicator />
        </NativeSelect.Root>
        {choice.kind === 'at' ? (
          <Input
            type="datetime-local"
            size="sm"
            width="auto"
            id="return-by-time"
            aria-label="Return by (date and time)"
            value={choice.local}
            onChange={(e) => setChoice({ kind: 'at', local: e.currentTarget.value })}
            data-testid="return-by-time"
          />
        ) : null}
      </HStack>
      {problem ? <Field.ErrorText data-testid="return-by-problem">{problem}</Field.ErrorText> : null}
      <Field.HelperText>
        {resolved && !problem ? (
          <Text as="span">
            Due back by <strong>{formatDateTime(resolved)}</strong>{choice.kind === 'in' ? ' (counted from the start)' : ''}: the console then lists them as due until they are back. Nothing is moved back without your confirmation.
          </Text>
        ) : (
          'Optional: with a time, the console reminds you (and anyone on this computer) to move them back.'
        )}
      </Field.HelperText>
    </Field.Root>
  );
}
