import { Box, Button, HStack, Progress, Text } from '@chakra-ui/react';
import { AsOfLabel } from '../../shared-ui';

export interface SyncProgressView {
  fetched: number;
  total?: number;
}

export interface MakeOfflineButtonProps {
  customerName: string;
  running: boolean;
  progress: SyncProgressView | null;
  /** When this subtree was last downloaded completely (ms), if ever. */
  syncedAt: number | null;
  /** Result of the last download, e.g. "1,204 customers saved". */
  doneMessage: string | null;
  errorMessage: string | null;
  disabledReason: string | null;
  onStart: () => void;
  /** Stops a running download (after the current page; nothing is marked offline). */
  onStop: () => void;
}

/** "Make available offline": downloads a customer and all its descendants into the cache. */
export function MakeOfflineButton({ customerName, running, progress, syncedAt, doneMessage, errorMessage, disabledReason, onStart, onStop }: MakeOfflineButtonProps) {
  const percent = progress?.total ? Math.min(100, Math.round((progress.fetched / progress.total) * 100)) : null;
  return (
    <Box data-testid="make-offline">
      <HStack gap="2" wrap="wrap">
        <Button size="sm" variant="outline" onClick={onStart} disabled={running || disabledReason !== null} title={disabledReason ?? undefined} loading={running} loadingText="Downloading…">
          Make available offline
        </Button>
        {running ? (
          <Button size="sm" variant="ghost" onClick={onStop}>
            Stop
          </Button>
        ) : null}
        {syncedAt ? <AsOfLabel fetchedAt={syncedAt} source="cache" /> : null}
        {disabledReason ? (
          <Text fontSize="xs" color="fg.muted">
            {disabledReason}
          </Text>
        ) : null}
      </HStack>
      {running ? (
        <Box mt="2" maxW="420px">
          <Text fontSize="sm" role="status" aria-live="polite">
            Saving {customerName} and its descendants: {progress?.fetched ?? 0}
            {progress?.total ? ` of ${progress.total}` : ''} customers
          </Text>
          <Progress.Root value={percent} max={100} size="sm" aria-label="Offline download progress">
            <Progress.Track>
              <Progress.Range />
            </Progress.Track>
          </Progress.Root>
        </Box>
      ) : null}
      {!running && doneMessage ? (
        <Text fontSize="sm" color="green.fg" role="status">
          {doneMessage}
        </Text>
      ) : null}
      {!running && errorMessage ? (
        <Text fontSize="sm" color="red.fg" role="alert">
          {errorMessage}
        </Text>
      ) : null}
    </Box>
  );
}
