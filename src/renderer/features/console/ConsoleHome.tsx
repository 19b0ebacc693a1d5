/* The signed-in frame: who is working on which account, above the console screens (browser,
 * customer detail, bulk staging, history). Takes focus when it appears, so keyboard users
 * start at its heading. The e2e scenarios wait for its data-screen="console". */
import { useEffect, useRef } from 'react';
import { Box, Heading, Text } from '@chakra-ui/react';
import type { SessionState } from '../../../shared/session';
import { ConsoleScreen } from '../browser/ConsoleScreen';

export function ConsoleHome({ session }: { session: SessionState }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const account = session.accounts.find((a) => a.id === session.activeAccountId);
  return (
    <Box px="4" py="3" data-screen="console">
      <Heading as="h1" size="sm" ref={headingRef} tabIndex={-1}>
        Welcome, {session.user?.name}
      </Heading>
      <Text mb="2" fontSize="sm">
        You are working on {account?.name ?? 'no account'}.
      </Text>
      {!session.verified && session.message ? (
        <Text mt="2" color="orange.fg">
          {session.message}
        </Text>
      ) : null}
      <ConsoleScreen />
    </Box>
  );
}
