/* Always visible, on one line: which server (production marked loudly — the only place the
 * server's environment is shown), which account, who is signed in, and whether we are online;
 * when offline, how old the data on screen is (said here once, not in every pane). Support
 * staff switch between production and the sandbox; the banner must make a mistake hard. */
import { Badge, Box, Button, Flex, HStack, Menu, Text } from '@chakra-ui/react';
import type { ConnectivitySnapshot } from '../../../shared/connectivity';
import type { SessionState } from '../../../shared/session';
import { ENVIRONMENT_WORDS, serverEnvironment, type ServerEnvironment } from '../../../shared/server-environment';
import { useEvoMutation } from '../../app/hooks';
import { useOldestShownCacheData } from '../../app/shown-data-age';
import { useColorModeStore, type ColorModePreference } from '../../app/color-mode';
import { useConsoleStore } from '../../app/console-store';
import { formatAge, formatDateTime } from '../../shared-ui';
import { useConnectivity } from '../offline/use-connectivity';
import { useSetSessionState } from '../session/use-session';

const ENVIRONMENT_BADGE: Record<ServerEnvironment, { palette: string; variant: 'solid' | 'subtle' }> = {
  production: { palette: 'red', variant: 'solid' },
  sandbox: { palette: 'green', variant: 'subtle' },
  other: { palette: 'purple', variant: 'subtle' },
};

const COLOR_MODE_WORDS: Record<ColorModePreference, string> = { system: 'Follow the system', light: 'Light', dark: 'Dark' };

export interface BannerViewProps {
  session: SessionState;
  connectivity: ConnectivitySnapshot | undefined;
  /** fetchedAt of the oldest offline data on screen. */
  dataFetchedAt: number | null;
  now?: number;
  onSignOut?: (keepCache: boolean) => void;
  signingOut?: boolean;
  colorMode?: ColorModePreference;
  onColorModeChange?: (preference: ColorModePreference) => void;
  onShowShortcuts?: () => void;
}

const truncate = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 } as const;

/** Presentational (tested with plain props). */
export function BannerView({ session, connectivity, dataFetchedAt, now, onSignOut, signingOut, colorMode, onColorModeChange, onShowShortcuts }: BannerViewProps) {
  const profile = session.profile;
  const environment = profile ? serverEnvironment(profile) : null;
  const badge = environment ? ENVIRONMENT_BADGE[environment] : null;
  const account = session.accounts.find((a) => a.id === session.activeAccountId);
  const offline = connectivity?.state === 'offline';
  const production = environment === 'production';
  const signedIn = session.user !== null && session.status !== 'signedOut';
  const ended = session.status === 'signInRequired';
  const userText = session.user ? `${session.user.name}${ended ? ' — session ended' : ''}` : ended && session.email ? `${session.email} — session ended` : 'not signed in';

  return (
    <Box
      as="header"
      data-testid="banner"
      data-server-kind={environment ?? 'none'}
      borderTopWidth={production ? '6px' : '0'}
      borderTopColor="red.solid"
      borderBottomWidth="1px"
      bg={production ? 'red.subtle' : 'bg.subtle'}
      px="4"
      py="1.5"
      flexShrink={0}
    >
      <Flex gap="4" align="center" wrap="nowrap" minW="0">
        <HStack gap="2" aria-label="Server" minW="0" flexShrink={1}>
          {badge && environment ? (
            <Badge colorPalette={badge.palette} variant={badge.variant} size="lg" data-testid="server-kind" flexShrink={0}>
              {ENVIRONMENT_WORDS[environment]}
            </Badge>
          ) : null}
          <Text fontWeight="semibold" css={truncate} title={profile?.url}>
            {profile?.label ?? 'No server selected'}
          </Text>
          {profile?.url && environment === 'other' ? (
            <Text color="fg.muted" fontSize="sm" css={truncate}>
              {profile.url}
            </Text>
          ) : null}
        </HStack>

        <HStack gap="1" aria-label="Account" minW="0" flexShrink={1}>
          <Text color="fg.muted" fontSize="sm" flexShrink={0}>
            Account:
          </Text>
          <Text data-testid="banner-account" css={truncate}>
            {account?.name ?? (signedIn && session.accounts.length > 0 ? 'not chosen' : '—')}
          </Text>
        </HStack>

        <HStack gap="1" aria-label="User" minW="0" flexShrink={1}>
          <Text color="fg.muted" fontSize="sm" flexShrink={0}>
            User:
          </Text>
          <Text data-testid="banner-user" css={truncate} title={session.user?.email ?? session.email ?? undefined}>
            {userText}
          </Text>
        </HStack>

        <HStack gap="2" role="status" aria-live="polite" data-testid="connectivity" data-state={connectivity?.state ?? 'unknown'} flexShrink={0} whiteSpace="nowrap">
          {offline ? (
            <>
              <Badge colorPalette="gray" variant="solid">
                OFFLINE
              </Badge>
              <Text fontSize="sm" whiteSpace="nowrap" data-testid="offline-age">
                since {formatDateTime(connectivity.since).slice(11)}
                {dataFetchedAt !== null ? ` · data from ${formatDateTime(dataFetchedAt)} (${formatAge(dataFetchedAt, now)})` : ''}
              </Text>
            </>
          ) : (
            <Badge colorPalette="green" variant="subtle">
              {connectivity ? 'Online' : 'Checking…'}
            </Badge>
          )}
        </HStack>

        <HStack gap="1" ml="auto" flexShrink={0}>
          {onShowShortcuts ? (
            <Button size="xs" variant="ghost" onClick={onShowShortcuts} aria-keyshortcuts="?" title="Keyboard shortcuts (?)">
              Keys ?
            </Button>
          ) : null}
          {onColorModeChange && colorMode ? (
            <Menu.Root>
              <Menu.Trigger asChild>
                <Button size="xs" variant="ghost" aria-label={`Appearance: ${COLOR_MODE_WORDS[colorMode]}`}>
                  Appearance
                </Button>
              </Menu.Trigger>
              <Menu.Positioner>
                <Menu.Content>
                  <Menu.RadioItemGroup value={colorMode} onValueChange={(d) => onColorModeChange(d.value as ColorModePreference)}>
                    {(Object.keys(COLOR_MODE_WORDS) as ColorModePreference[]).map((mode) => (
                      <Menu.RadioItem key={mode} value={mode}>
                        {COLOR_MODE_WORDS[mode]}
                        <Menu.ItemIndicator />
                      </Menu.RadioItem>
                    ))}
                  </Menu.RadioItemGroup>
                </Menu.Content>
              </Menu.Positioner>
            </Menu.Root>
          ) : null}
          {signedIn && onSignOut ? (
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
          ) : null}
        </HStack>
      </Flex>
    </Box>
  );
}

export function Banner({ session }: { session: SessionState }) {
  const connectivity = useConnectivity();
  const dataFetchedAt = useOldestShownCacheData();
  const colorMode = useColorModeStore((s) => s.preference);
  const setColorMode = useColorModeStore((s) => s.setPreference);
  const showShortcuts = useConsoleStore((s) => s.setShortcutsOpen);
  const setState = useSetSessionState();
  // The renderer's state is reset by app/reset.ts when the session's identity changes.
  const signOut = useEvoMutation('session:signOut', { onSuccess: setState });
  const consoleShown = session.status === 'signedIn';
  return (
    <BannerView
      session={session}
      connectivity={connectivity}
      dataFetchedAt={dataFetchedAt}
      onSignOut={(keepCache) => signOut.mutate({ keepCache })}
      signingOut={signOut.isPending}
      colorMode={colorMode}
      onColorModeChange={setColorMode}
      onShowShortcuts={consoleShown ? () => showShortcuts(true) : undefined}
    />
  );
}
