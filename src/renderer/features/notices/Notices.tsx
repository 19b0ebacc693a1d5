/* Notices from main that no call answered (a damaged settings or cache file set aside and
 * rebuilt): listed under the banner until dismissed. Loaded at start and refreshed on each
 * app:notice event, so one raised before this mounted is still shown. */
import { useCallback } from 'react';
import { Alert, Button, Stack } from '@chakra-ui/react';
import { useQueryClient } from '@tanstack/react-query';
import { evoQueryKey, useEvoEvent, useEvoMutation, useEvoQuery } from '../../app/hooks';

export function Notices() {
  const queryClient = useQueryClient();
  const notices = useEvoQuery('app:notices', [], { staleTime: Infinity });
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: evoQueryKey('app:notices') }), [queryClient]);
  useEvoEvent('app:notice', refresh);
  const dismiss = useEvoMutation('app:dismissNotice', {
    onSuccess: (remaining) => queryClient.setQueryData(evoQueryKey('app:notices'), remaining),
  });
  if (!notices.data?.length) return null;
  return (
    <Stack gap="2" px="4" pt="3" data-testid="notices">
      {notices.data.map((notice) => (
        <Alert.Root key={notice.id} status="warning" role="alert" data-testid="notice">
          <Alert.Indicator />
          <Alert.Content>
            <Alert.Description>{notice.message}</Alert.Description>
          </Alert.Content>
          <Button size="xs" variant="outline" onClick={() => dismiss.mutate({ id: notice.id })}>
            Dismiss
          </Button>
        </Alert.Root>
      ))}
    </Stack>
  );
}
