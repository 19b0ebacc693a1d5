import { Alert, Button, HStack } from '@chakra-ui/react';
import type { InterruptedRun } from '../../../shared/bulk/types';
import { formatDateTime } from '../../shared-ui';
import { ROUTING_WORDS, routingOfTarget } from '../../../shared/routing-words';

export interface InterruptedRunOfferProps {
  interrupted: InterruptedRun;
  writeBlockedReason: string | null;
  onContinue: (runId: string) => void;
  onDismiss: (runId: string) => void;
}

/** A run nobody finished (crash, kill, a stop): offer to check and continue it. */
export function InterruptedRunOffer({ interrupted, writeBlockedReason, onContinue, onDismiss }: InterruptedRunOfferProps) {
  const { run } = interrupted;
  const settled = run.counts.total - interrupted.unknown;
  return (
    <Alert.Root status="warning" data-testid="interrupted-run" mb="3">
      <Alert.Indicator />
      <Alert.Content>
        <Alert.Title>
          A bulk change {ROUTING_WORDS[routingOfTarget(run.target)].moveTo} started {formatDateTime(run.startedAt ?? run.createdAt)} was interrupted
        </Alert.Title>
        <Alert.Description>
          {settled} of {run.counts.total} customers settled; {interrupted.unknown} unknown ({interrupted.inFlight} had a request in flight). Continuing first reads
          their state from the server, then finishes the rest.
          <HStack mt="2" gap="2">
            <Button size="sm" onClick={() => onContinue(run.id)} disabled={writeBlockedReason !== null}>
              Check and continue
            </Button>
            <Button size="sm" variant="outline" onClick={() => onDismiss(run.id)}>
              Not now
            </Button>
            {writeBlockedReason ? <span>{writeBlockedReason}</span> : null}
          </HStack>
        </Alert.Description>
      </Alert.Content>
    </Alert.Root>
  );
}
