/* The frame: the always-visible banner on top, then the screen for the session's status.
 * The saved session is restored once at start (from the OS keychain, checked with the server). */
import { useEffect, useRef } from 'react';
import { Box, Flex, Spinner, Text } from '@chakra-ui/react';
import { Banner } from '../features/banner/Banner';
import { ConsoleHome } from '../features/console/ConsoleHome';
import { AccountPicker } from '../features/session/AccountPicker';
import { SignInScreen } from '../features/session/SignInScreen';
import { useSessionState, useSetSessionState } from '../features/session/use-session';
import { ErrorCallout } from '../shared-ui';
import { useEvoMutation } from './hooks';

function Loading({ label }: { label: string }) {
  return (
    <Flex role="status" aria-live="polite" justify="center" align="center" gap="3" mt="16" data-screen="loading">
      <Spinner size="sm" />
      <Text>{label}</Text>
    </Flex>
  );
}

export function App() {
  const session = useSessionState();
  const setState = useSetSessionState();
  const restore = useEvoMutation('session:restore', { onSuccess: setState });
  const started = useRef(false);
  useEffect(() => {
    // Once per app start (StrictMode mounts effects twice in development).
    if (started.current) return;
    started.current = true;
    restore.mutate(undefined);
  }, [restore]);

  const state = session.data;
  let screen;
  if (restore.isPending || restore.isIdle || !state) screen = <Loading label="Restoring your session…" />;
  else if (state.status === 'signedIn') screen = <ConsoleHome session={state} />;
  else if (state.status === 'chooseAccount') screen = <AccountPicker session={state} />;
  else screen = <SignInScreen key={state.status} session={state} />;

  return (
    <Flex direction="column" minH="100vh">
      {state ? <Banner session={state} /> : null}
      <Box as="main" flex="1">
        {restore.error ? (
          <Box p="4">
            <ErrorCallout error={restore.error.toData()} action="Restoring your session" />
          </Box>
        ) : null}
        {screen}
      </Box>
    </Flex>
  );
}
