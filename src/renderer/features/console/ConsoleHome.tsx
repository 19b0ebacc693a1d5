/* The signed-in frame under the banner (which already says server, account and user, so
 * nothing here repeats it). Keep the data-screen attribute: the e2e scenarios wait for it. */
import { Box, Heading, Text, VisuallyHidden } from '@chakra-ui/react';
import type { SessionState } from '../../../shared/session';
import { ConsoleScreen } from '../browser/ConsoleScreen';

export function ConsoleHome({ session }: { session: SessionState }) {
  return (
    <Box px="4" pt="2" pb="3" data-screen="console" h="100%" display="flex" flexDirection="column" minH="0">
      <VisuallyHidden>
        <Heading as="h1">Evo Voice Console</Heading>
      </VisuallyHidden>
      {!session.verified && session.message ? (
        <Text mb="2" fontSize="sm" color="yellow.fg" data-testid="unverified-session">
          {session.message}
        </Text>
      ) : null}
      <ConsoleScreen />
    </Box>
  );
}
