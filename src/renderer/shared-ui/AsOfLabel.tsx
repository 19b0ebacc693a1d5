import { Text } from '@chakra-ui/react';
import { formatAge, formatDateTime, type DateInput } from '../../shared/format';

export interface AsOfLabelProps {
  fetchedAt: DateInput;
  source?: 'server' | 'cache';
  /** Injected in tests; defaults to the clock. */
  now?: number;
}

/** Says how old what the user is looking at is, and whether it came from the offline cache. */
export function AsOfLabel({ fetchedAt, source = 'server', now }: AsOfLabelProps) {
  const from = source === 'cache' ? 'from offline copy, ' : '';
  return (
    <Text as="span" fontSize="xs" color={source === 'cache' ? 'yellow.fg' : 'fg.muted'} data-testid="as-of" data-source={source}>
      {from}as of {formatDateTime(fetchedAt)} ({formatAge(fetchedAt, now)})
    </Text>
  );
}
