import { Box, Button, HStack, Progress, Text } from '@chakra-ui/react';
import type { RunProgress, RunState } from '../../../shared/bulk/types';
import { describeRequestRate } from '../../../shared/request-rate';
import { formatDuration } from '../../shared-ui';

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
  onPause: () => void;
  onUnpause: () => void;
  onCancel: () => void;
}

/** A running bulk change: bar, counts, rate, ETA, request pace, pause/unpause/cancel. */
export function ProgressView({ progress, onPause, onUnpause, onCancel }: ProgressViewProps) {
  const { counts, state } = progress;
  const percent = counts.total === 0 ? 100 : Math.round((progress.done / counts.total) * 100);
  const live = state !== 'completed' && state !== 'cancelled' && state !== 'stopped';
  return (
    <Box data-testid="progress-view" data-state={state} borderWidth="1px" borderRadius="md" p="3">
      <Text fontWeight="semibold" mb="1" role="status" aria-live="polite">
        {STATE_WORDS[state]} — {progress.done.toLocaleString('en-US')} of {counts.total.toLocaleString('en-US')} ({percent}%)
      </Text>
      <Progress.Root value={percent} max={100} aria-label="Bulk change progress" colorPalette={counts.failed > 0 ? 'red' : 'blue'}>
        <Progress.Track>
          <Progress.Range />
        </Progress.Track>
      </Progress.Root>
      <HStack gap="4" mt="2" fontSize="sm" wrap="wrap" data-testid="progress-counts">
        <span>Changed: {counts.changed}</span>
        <span>Already there: {counts.alreadyInState}</span>
        <span>Failed: {counts.failed}</span>
        <span>Skipped: {counts.skipped}</span>
        <span>Not accessible: {counts.notAccessible}</span>
        <span>Remaining: {progress.remaining}</span>
        <span>Rate: {progress.ratePerSecond > 0 ? `${progress.ratePerSecond.toFixed(1)}/s` : '—'}</span>
        <span>ETA: {progress.etaMs === null ? '—' : formatDuration(progress.etaMs)}</span>
        {progress.requestRate ? <span data-testid="request-rate">Requests: {describeRequestRate(progress.requestRate)}</span> : null}
      </HStack>
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
