/* The customer tab's main action: move this customer to staging, or back to normal routing.
 * It asks for the same plan → confirm → journalled run as bulk staging (RoutingChangeFlow). */
import { Box, Button, Text } from '@chakra-ui/react';
import type { Customer } from '../../../shared/evo/schemas';
import { ROUTING_WORDS, routingOf } from '../../../shared/routing-words';
import { useUiStore, type RoutingChangeAsk } from '../../app/ui-store';
import { useWriteBlockedReason } from '../offline/use-connectivity';

/** The request and words of a one-customer toggle (also quick jump's action). */
export function toggleAsk(customer: Pick<Customer, 'id' | 'name' | 'isStaging'>): RoutingChangeAsk & { label: string } {
  const toStaging = customer.isStaging !== true;
  return {
    request: { customerIds: [customer.id], target: toStaging ? 'staging' : 'production' },
    subject: customer.name ?? customer.id,
    label: toStaging ? 'Move to staging' : 'Move back to normal routing',
  };
}

export function RoutingToggle({ customer }: { customer: Customer }) {
  const ask = useUiStore((s) => s.askRoutingChange);
  const asking = useUiStore((s) => s.routingChange !== null);
  const blocked = useWriteBlockedReason();
  const { label, ...change } = toggleAsk(customer);
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
        {label}
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
