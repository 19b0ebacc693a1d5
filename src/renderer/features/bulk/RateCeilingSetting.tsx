/* The request-rate ceiling (app setting, kept in the settings file the CLI reads too): none by
 * default, the rate then adapts to what the server accepts. */
import { Button, Field, HStack, Input, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { MAX_RATE_CEILING, MIN_RATE_CEILING } from '../../../shared/request-rate';
import { useEvoMutation, useEvoQuery } from '../../app/hooks';

export function RateCeilingSetting() {
  const ceiling = useEvoQuery('bulk:rateCeiling', []);
  const [typed, setTyped] = useState<string | null>(null);
  const save = useEvoMutation('bulk:setRateCeiling', {
    onSuccess: () => {
      setTyped(null);
      void ceiling.refetch();
    },
  });
  const text = typed ?? (ceiling.data == null ? '' : String(ceiling.data));
  const n = text.trim() === '' ? null : Number(text);
  const valid = n === null || (Number.isInteger(n) && n >= MIN_RATE_CEILING && n <= MAX_RATE_CEILING);
  return (
    <HStack mt="3" gap="2" align="end" data-testid="rate-ceiling">
      <Field.Root invalid={!valid} width="auto">
        <Field.Label fontSize="sm">Requests per second at most</Field.Label>
        <Input size="sm" width="8em" inputMode="numeric" placeholder="no limit" value={text} onChange={(e) => setTyped(e.target.value)} />
      </Field.Root>
      <Button size="sm" variant="outline" disabled={!valid || typed === null} loading={save.isPending} onClick={() => save.mutate({ perSecond: n })}>
        Save
      </Button>
      <Text fontSize="xs" color="fg.muted">
        Empty: no limit; the rate follows what the server accepts.
      </Text>
    </HStack>
  );
}
