/* Placeholder landing screen after sign-in; the console screens (browser, customer
 * detail, bulk staging, history) replace it. Keep the data-screen attribute: the e2e
 * scenarios wait for it. */
import { useEffect, useRef } from 'react';
import { Box, Heading, Text } from '@chakra-ui/react';
import type { SessionState } from '../../../shared/session';

export function ConsoleHome({ session }: { session: SessionState }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const account = session.accounts.find((a) => a.id === session.activeAccountId);
  return (
    <Box p="8" data-screen="console">
      <Heading as="h1" size="lg" ref={headingRef} tabIndex={-1}>
        Welcome, {session.user?.name}
      </Heading>
      <Text mt="2">You are working on {account?.name ?? 'no account'}.</Text>
      {!session.verified && session.message ? (
        <Text mt="2" color="orange.fg">
          {session.message}
        </Text>
      ) : null}
    </Box>
  );
}
