/* The frame: the always-visible banner on top, then the screen for the session's status.
 * Main restores the saved session at start (from the OS keychain, checked with the server);
 * 'session:getState' answers once that is done, so until then this shows "Restoring…". */
import { Box, Flex, Spinner, Text } from '@chakra-ui/react';
import { Banner } from '../features/banner/Banner';
import { ConsoleHome } from '../features/console/ConsoleHome';
import { Notices } from '../features/notices/Notices';
import { AccountPicker } from '../features/session/AccountPicker';
import { SignInScreen } from '../features/session/SignInScreen';
import { useSessionState } from '../features/session/use-session';
import { ErrorCallout } from '../shared-ui';
import { useColorMode } from './color-mode';
import { workIdentity } from './reset';

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
  useColorMode();
  const state = session.data;
  const ready = state !== undefined;
  const status = ready ? state.status : null;
  // A session that ended mid-work (401 → signInRequired) keeps the console MOUNTED behind the
  // sign-in form, inert: screen state, selections, plans and running progress views survive,
  // and the interrupted requests resume once the same user signs in again.
  const keepConsole = ready && (status === 'signedIn' || (status === 'signInRequired' && state.activeAccountId !== null));

  // Fixed child slots (null when absent) so the console keeps its identity when the
  // sign-in form appears above it.
  return (
    // The window is the page: it never scrolls; the main area scrolls only for the sign-in
    // forms, and the console fills it exactly (its panes scroll inside).
    <Flex direction="column" h="100%">
      {state ? <Banner session={state} /> : null}
      <Notices />
      <Box as="main" flex="1" minH="0" overflowY="auto" display="flex" flexDirection="column">
        {session.error ? (
          <Box p="4">
            <ErrorCallout error={session.error.toData()} action="Reading your session" />
          </Box>
        ) : null}
        {!ready && !session.error ? <Loading label="Restoring your session…" /> : null}
        {ready && (status === 'signedOut' || status === 'signInRequired') ? <SignInScreen key={status} session={state} /> : null}
        {ready && status === 'chooseAccount' ? <AccountPicker session={state} /> : null}
        {keepConsole ? (
          // Keyed by whose work it is: another user, server or account starts every screen afresh.
          <Box key={workIdentity(state) ?? 'none'} inert={status !== 'signedIn'} aria-hidden={status !== 'signedIn'} opacity={status === 'signedIn' ? 1 : 0.4} data-testid="console-frame" flex="1" minH={status === 'signedIn' ? '0' : '480px'} display="flex" flexDirection="column">
            <ConsoleHome session={state} />
          </Box>
        ) : null}
      </Box>
    </Flex>
  );
}
