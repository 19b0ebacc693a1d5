/* Always visible: which server (production marked loudly), which account, who is signed
 * in, and whether we are online — when offline, how old the data on screen is. Support
 * staff switch between production and the sandbox; the banner must make a mistake hard. */
import { Badge, Box, Button, Flex, HStack, Menu, Text } from '@chakra-ui/react';
import { useQueryClient } from '@tanstack/react-query';
import type { ConnectivitySnapshot } from '../../../shared/connectivity';
import type { ServerProfile, SessionState } from '../../../shared/session';
import { useEvoMutation } from '../../app/hooks';
import { useUiStore } from '../../app/ui-store';
import { formatAge, formatDateTime } from '../../shared-ui';
import { useConnectivity } from '../offline/use-connectivity';
import { useSetSessionState } from '../session/use-session';

const KIND_BADGE: Record<ServerProfile['kind'], { text: string; palette: string; variant: 'solid' | 'subtle' }> = {
  production: { text: 'PRODUCTION', palette: 'red', variant: 'solid' },
  sandbox: { text: 'SANDBOX', palette: 'green', variant: 'subtle' },
  custom: { text: 'OTHER SERVER', palette: 'purple', variant: 'subtle' },
};

export interface BannerViewProps {
  session: SessionState;
  connectivity: ConnectivitySnapshot | undefined;
  /** fetchedAt of the oldest data on screen. */
  dataFetchedAt: number | null;
  now?: number;
  onSignOut?: (keepCache: boolean) => void;
  signingOut?: boolean;
}

/** Presentational (tested with plain props). */
export function BannerView({ session, connectivity, dataFetchedAt, now, onSignOut, signingOut }: BannerViewProps) {
  const profile = session.profile;
  const badge = profile ? KIND_BADGE[profile.kind] : null;
  const account = session.accounts.find((a) => a.id === session.activeAccountId);
  const offline = connectivity?.state === 'offline';
  const production = profile?.kind === 'production';
  const signedIn = session.user !== null && session.status !== 'signedOut';
  const ended = session.status === 'signInRequired';
  const userText = session.user
    ? `${session.user.name} (${session.user.email})${ended ? ' — session ended' : ''}`
    : ended && session.email
      ? `${session.email} — session ended`
      : 'not signed in';

  return (
    <Box
      as="header"
      data-testid="banner"
      data-server-kind={profile?.kind ?? 'none'}
      borderTopWidth={production ? '6px' : '0'}
      borderTopColor="red.solid"
      borderBottomWidth="1px"
      bg={production ? 'red.subtle' : 'bg.subtle'}
      px="4"
      py="2"
    >
      <Flex gap="6" align="center" wrap="wrap">
        <HStack gap="2" aria-label="Server">
          {badge ? (
            <Badge colorPalette={badge.palette} variant={badge.variant} size="lg" data-testid="server-kind">
              {badge.text}
            </Badge>
          ) : null}
          <Text fontWeight="semibold">{profile?.label ?? 'No server selected'}</Text>
          {profile?.url ? (
            <Text color="fg.muted" fontSize="sm">
              {profile.url}
            </Text>
          ) : null}
        </HStack>

        <HStack gap="1" aria-label="Account">
          <Text color="fg.muted" fontSize="sm">
            Account:
          </Text>
          <Text data-testid="banner-account">{account?.name ?? (signedIn && session.accounts.length > 0 ? 'not chosen' : '—')}</Text>
        </HStack>

        <HStack gap="1" aria-label="User">
          <Text color="fg.muted" fontSize="sm">
            User:
          </Text>
          <Text data-testid="banner-user">{userText}</Text>
        </HStack>

        <HStack gap="2" role="status" aria-live="polite" data-testid="connectivity" data-state={connectivity?.state ?? 'unknown'}>
          {offline ? (
            <>
              <Badge colorPalette="orange" variant="solid">
                OFFLINE
              </Badge>
              <Text fontSize="sm">
                since {formatDateTime(connectivity.since)}
                {dataFetchedAt !== null ? ` · data shown is from ${formatDateTime(dataFetchedAt)} (${formatAge(dataFetchedAt, now)})` : ''}
              </Text>
            </>
          ) : (
            <Badge colorPalette="green" variant="subtle">
              {connectivity ? 'Online' : 'Checking…'}
            </Badge>
          )}
        </HStack>

        {signedIn && onSignOut ? (
          <Box ml="auto">
            <Menu.Root>
              <Menu.Trigger asChild>
                <Button size="sm" variant="outline" loading={signingOut}>
                  Sign out
                </Button>
              </Menu.Trigger>
              <Menu.Positioner>
                <Menu.Content>
                  <Menu.Item value="keep" onSelect={() => onSignOut(true)}>
                    Sign out (keep the offline copy)
                  </Menu.Item>
                  <Menu.Item value="delete" onSelect={() => onSignOut(false)}>
                    Sign out and delete the offline copy
                  </Menu.Item>
                </Menu.Content>
              </Menu.Positioner>
            </Menu.Root>
          </Box>
        ) : null}
      </Flex>
    </Box>
  );
}

export function Banner({ session }: { session: SessionState }) {
  const connectivity = useConnectivity();
  const dataFetchedAt = useUiStore((s) => s.shownDataFetchedAt);
  const reset = useUiStore((s) => s.reset);
  const setState = useSetSessionState();
  const client = useQueryClient();
  const signOut = useEvoMutation('session:signOut', {
    onSuccess: (state) => {
      // Sign-out (unlike a re-sign-in) ends the work: forget selection, plan and server data.
      reset();
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session:getState' && q.queryKey[0] !== 'session:listProfiles' });
      setState(state);
    },
  });
  return (
    <BannerView
      session={session}
      connectivity={connectivity}
      dataFetchedAt={dataFetchedAt}
      onSignOut={(keepCache) => signOut.mutate({ keepCache })}
      signingOut={signOut.isPending}
    />
  );
}
