import { Box, Text } from '@chakra-ui/react';
import { routingOf } from '../../../shared/routing-words';
import type { PlanDrift } from '../../../shared/bulk/types';
import { plural } from '../../shared-ui';

/** The customers that changed since a plan was made, one line each. */
export function DriftList({ drift }: { drift: PlanDrift }) {
  const rows = [
    ...drift.stateChanged.map((d) => ({ id: d.customerId, name: d.name, change: `was ${routingOf(d.planned)}, now ${routingOf(d.now)}` })),
    ...drift.becameInaccessible.map((d) => ({ id: d.customerId, name: d.name, change: `no longer accessible (${d.reason.message})` })),
    ...drift.becameAccessible.map((d) => ({ id: d.customerId, name: d.name, change: `accessible now (${routingOf(d.now)}); it was not when planned` })),
  ];
  return (
    <Box data-testid="drift-list" mb="3">
      <Text fontWeight="semibold" mb="1">
        Changed since the plan was made ({plural(rows.length, 'customer')}):
      </Text>
      <Box as="ul" pl="0" listStyleType="none" maxH="200px" overflowY="auto" fontSize="sm">
        {rows.map((r) => (
          <Box as="li" key={r.id} py="1" borderBottomWidth="1px" data-customer-id={r.id}>
            <Text as="span" fontWeight="semibold">
              {r.name || r.id}
            </Text>{' '}
            {r.change}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
