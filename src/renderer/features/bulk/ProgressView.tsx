import { Box, Button, HStack, Progress, Text } from '@chakra-ui/react';
import type { RunProgress, RunState, TargetState } from '../../../shared/bulk/types';
import { describeRequestRate } from '../../../shared/request-rate';
import { ROUTING_WORDS, routingOfTarget } from '../../../shared/routing-words';
import { formatDuration, plural } from '../../shared-ui';
import type { ToChangeProgress } from '../../../shared/bulk/to-change-progress';

const STATE_WORDS: Record<RunState, string> = {
  starting: 'Starting…',
  running: 'Running',
  paused: 'Paused',
  waitingForSignIn: 'Waiting for you to sign in again — the run continues afterwards',
  waitingForServer: 'Waiting for the server to come back',
  cancelling: 'Cancelling…',
  reconciling: 'Checking the last answers…',
  stopped: 'Stopped — nothing more is sent; the run can be continued from History',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export interface ProgressViewProps {
  progress: RunProgress;
  /** What is running ("Two Hundred Partners and its 199 descendants"). */
  subject: string;
  target: TargetState;
  /** Counted over the customers to change only. */
  toChange: ToChangeProgress;
  /** Failures so far, live. */
  failures: { customerId: string; name: string; message: string }[];
  onPause: () => void;
  onUnpause: () => void;
  onCancel: () => void;
}

/** A running bulk change: what is running, bar and counts over the customers to change, rate,
 * ETA, request pace, failures as they happen, pause/unpause/cancel. */
export function ProgressView({ progress, subject, target, toChange, failures, onPause, onUnpause, onCancel }: ProgressViewProps) {
  const { counts, state } = progress;
  const { percent } = toChange;
  const live = state !== 'completed' && state !== 'cancelled' && state !== 'stopped';
  return (
    <Box data-testid="progress-view" data-state={state} borderWidth="1px" borderRadius="md" p="3">
      <Text fontWeight="semibold" mb="1" data-testid="progress-subject">
        Moving {subject} {ROUTING_WORDS[routingOfTarget(target)].moveTo}
      </Text>
      <Text mb="1" role="status" aria-live="polite" data-testid="progress-line">
        {STATE_WORDS[state]} — {toChange.done.toLocaleString('en-US')} of {plural(toChange.total, 'customer')} to change ({percent}%)
      </Text>
      <Progress.Root value={percent} max={100} aria-label="Bulk change progress" colorPalette={counts.failed > 0 ? 'red' : 'blue'}>
        <Progress.Track>
          <Progress.Range />
        </Progress.Track>
      </Progress.Root>
      <HStack gap="4" mt="2" fontSize="sm" wrap="wrap" data-testid="progress-counts">
        <span>Changed: {counts.changed}</span>
        <span>Failed: {counts.failed}</span>
        <span>Remaining: {progress.remaining}</span>
        <span>Rate: {progress.ratePerSecond > 0 ? `${progress.ratePerSecond.toFixed(1)}/s` : '—'}</span>
        <span>ETA: {progress.etaMs === null ? '—' : formatDuration(progress.etaMs)}</span>
        {progress.requestRate ? <span data-testid="request-rate">Requests: {describeRequestRate(progress.requestRate)}</span> : null}
      </HStack>
      {counts.total - toChange.total > 0 ? (
        <Text fontSize="xs" color="fg.muted" mt="1">
          {plural(counts.total - toChange.total, 'customer')} of the plan left alone (already there or not accessible).
        </Text>
      ) : null}
      {failures.length > 0 ? (
        <Box as="ul" pl="0" listStyleType="none" mt="2" maxH="160px" overflowY="auto" aria-label="Failed so far" tabIndex={0} data-testid="live-failures">
          {failures.map((f) => (
            <Box as="li" key={f.customerId} py="1" borderBottomWidth="1px" fontSize="sm" data-testid="live-failure">
              <Text as="span" fontWeight="semibold">
                {f.name}
              </Text>{' '}
              <Text as="span" color="red.fg">
                {f.message}
              </Text>
            </Box>
          ))}
        </Box>
      ) : null}
      {progress.problem ? (
        <Text mt="2" fontSize="sm" color="red.fg" role="alert" data-testid="run-problem">
          {progress.problem.message}
        </Text>
      ) : null}
      {live ? (
        <HStack mt="3" gap="2">
          {state === 'paused' ? (
            <Button size="sm" onClick={onUnpause}>
              Unpause
            </Button>
          ) : (
            <Button size="sm" variant="outline" onClick={onPause} disabled={state === 'cancelling' || state === 'reconciling'}>
              Pause
            </Button>
          )}
          <Button size="sm" variant="outline" colorPalette="red" onClick={onCancel} disabled={state === 'cancelling'}>
            Cancel
          </Button>
        </HStack>
      ) : null}
    </Box>
  );
}
