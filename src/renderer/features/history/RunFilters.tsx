import { Button, Field, HStack, Input, NativeSelect } from '@chakra-ui/react';
import type { RunFilter } from './run-relations';

export interface RunFiltersProps {
  customer: string;
  onCustomer: (text: string) => void;
  filter: Omit<RunFilter, 'customerRunIds'>;
  onFilter: (filter: Omit<RunFilter, 'customerRunIds'>) => void;
  users: string[];
}

/** History's filter: a customer (name or id, any run that included it), a user, a date range. */
export function RunFilters({ customer, onCustomer, filter, onFilter, users }: RunFiltersProps) {
  const active = customer !== '' || filter.user !== '' || filter.from !== '' || filter.to !== '';
  return (
    <HStack gap="3" mb="3" align="end" wrap="wrap" data-testid="run-filters">
      <Field.Root maxW="260px">
        <Field.Label fontSize="xs">Customer (name or id)</Field.Label>
        <Input size="sm" value={customer} onChange={(e) => onCustomer(e.target.value)} placeholder="Any customer" data-testid="filter-customer" />
      </Field.Root>
      <Field.Root maxW="240px">
        <Field.Label fontSize="xs">User</Field.Label>
        <NativeSelect.Root size="sm">
          <NativeSelect.Field value={filter.user} onChange={(e) => onFilter({ ...filter, user: e.target.value })} data-testid="filter-user">
            <option value="">Everyone</option>
            {users.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </NativeSelect.Field>
          <NativeSelect.Indicator />
        </NativeSelect.Root>
      </Field.Root>
      <Field.Root maxW="160px">
        <Field.Label fontSize="xs">From</Field.Label>
        <Input size="sm" type="date" value={filter.from} onChange={(e) => onFilter({ ...filter, from: e.target.value })} data-testid="filter-from" />
      </Field.Root>
      <Field.Root maxW="160px">
        <Field.Label fontSize="xs">To</Field.Label>
        <Input size="sm" type="date" value={filter.to} onChange={(e) => onFilter({ ...filter, to: e.target.value })} data-testid="filter-to" />
      </Field.Root>
      {active ? (
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            onCustomer('');
            onFilter({ user: '', from: '', to: '' });
          }}
        >
          Clear filters
        </Button>
      ) : null}
    </HStack>
  );
}
