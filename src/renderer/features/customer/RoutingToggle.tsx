/* The customer tab's main action: move this customer to staging, or back to normal routing.
 * It asks for the same plan → confirm → journalled run as bulk staging (RoutingChangeFlow). */
import { Box, Button, Text } from '@chakra-ui/react';
import type { TargetState } from '../../../shared/bulk/types';
import type { Customer } from '../../../shared/evo/schemas';
import { ROUTING_WORDS, routingOf, routingOfTarget } from '../../../shared/routing-words';
import { useUiStore, type RoutingChangeAsk } from '../../app/ui-store';
import { useRoutingChangeBlockedReason } from '../bulk/use-prepare-plan';

/** A one-customer toggle moves it to the routing it is not on. */
const toggleTarget = (customer: Pick<Customer, 'isStaging'>): TargetState => (customer.isStaging === true ? 'production' : 'staging');

/** The routing change of a one-customer toggle (also quick jump's action). */
export function toggleAsk(customer: Pick<Customer, 'id' | 'name' | 'isStaging'>): RoutingChangeAsk {
  return { request: { customerIds: [customer.id], target: toggleTarget(customer) }, subject: customer.name ?? customer.id };
}

export const toggleLabel = (customer: Pick<Customer, 'isStaging'>) => `Move ${ROUTING_WORDS[routingOfTarget(toggleTarget(customer))].moveTo}`;

export function RoutingToggle({ customer }: { customer: Customer }) {
  const ask = useUiStore((s) => s.askRoutingChange);
  const asking = useUiStore((s) => s.routingChange !== null);
  const blocked = useRoutingChangeBlockedReason();
  const change = toggleAsk(customer);
  const routing = routingOf(customer.isStaging);
  return (
    <Box mb="3" data-testid="routing-toggle">
      <Text fontSize="sm" mb="1">
        Calls: <strong>{ROUTING_WORDS[routing].description}</strong>.
      </Text>
      <Button
        size="lg"
        colorPalette={change.request.target === 'staging' ? 'orange' : 'blue'}
        onClick={() => ask(change)}
        disabled={blocked !== null || asking}
        title={blocked ?? undefined}
        data-testid="routing-toggle-button"
      >
        {toggleLabel(customer)}
      </Button>
      {blocked ? (
        <Text fontSize="xs" color="fg.muted" mt="1">
          {blocked}
        </Text>
      ) : (
        <Text fontSize="xs" color="fg.muted" mt="1">
          Confirmed like any bulk change, then recorded in History (with Undo).
        </Text>
      )}
    </Box>
  );
}
