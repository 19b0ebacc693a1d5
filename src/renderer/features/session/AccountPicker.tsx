/* After sign-in with several accounts: which one to work on (every call is scoped to it). */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Alert, Box, Button, Heading, RadioGroup, Stack, Text } from '@chakra-ui/react';
import type { SessionState } from '../../../shared/session';
import { useEvoMutation } from '../../app/hooks';
import { useSetSessionState } from './use-session';

export function AccountPicker({ session }: { session: SessionState }) {
  const setState = useSetSessionState();
  const select = useEvoMutation('session:selectAccount', { onSuccess: setState });
  const [accountId, setAccountId] = useState(session.suggestedAccountId ?? session.accounts[0]?.id ?? '');
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (accountId) select.mutate({ accountId });
  };

  return (
    <Box maxW="md" mx="auto" mt="10" p="8" borderWidth="1px" borderRadius="lg" data-screen="choose-account">
      <form onSubmit={submit} aria-labelledby={headingId}>
        <Stack gap="5">
          <Heading as="h1" size="lg" id={headingId} ref={headingRef} tabIndex={-1}>
            Choose an account
          </Heading>
          <Text>{session.user?.email} can work on {session.accounts.length} accounts. Every action applies to the one you choose.</Text>
          <RadioGroup.Root value={accountId} onValueChange={(d) => setAccountId(d.value ?? '')} aria-labelledby={headingId}>
            <Stack gap="2">
              {session.accounts.map((a) => (
                <RadioGroup.Item key={a.id} value={a.id}>
                  <RadioGroup.ItemHiddenInput />
                  <RadioGroup.ItemIndicator />
                  <RadioGroup.ItemText>{a.name}</RadioGroup.ItemText>
                </RadioGroup.Item>
              ))}
            </Stack>
          </RadioGroup.Root>
          {select.error ? (
            <Alert.Root status="error" role="alert">
              <Alert.Indicator />
              <Alert.Description>{select.error.message}</Alert.Description>
            </Alert.Root>
          ) : null}
          <Button type="submit" colorPalette="blue" disabled={!accountId} loading={select.isPending}>
            Continue
          </Button>
        </Stack>
      </form>
    </Box>
  );
}
