import { Box, Button, HStack } from '@chakra-ui/react';
import { useEvoMutation } from '../../app/hooks';
import { PREFERENCE_KEYS } from '../../app/preferences';
import { SplitPane } from '../../app/SplitPane';
import { CustomerPanel } from '../customer/CustomerPanel';
import { HistoryScreen } from '../history/HistoryScreen';
import { InterruptedRuns } from '../history/InterruptedRuns';
import { QuickJump } from '../quick-jump/QuickJump';
import { ShortcutsDialog } from '../shortcuts/ShortcutsDialog';
import { useTrackRunProgress } from '../bulk/use-run-progress';
import { useRereadOnConnectivityChange } from '../offline/use-connectivity';
import { RoutingChangeFlow } from '../bulk/RoutingChangeFlow';
import { DueReturnsBar } from '../staging-now/DueReturnsBar';
import { StagingNowScreen } from '../staging-now/StagingNowScreen';
import { BrowserPane } from './BrowserPane';
import { useConsoleStore } from '../../app/console-store';

/** Smallest list pane: the check box, a 40-character name and the routing stay visible. */
const LIST_MIN_PX = 470;
const DETAIL_MIN_PX = 340;

/** The signed-in console: customers (table | details, split resizable and remembered), the
 * customers in staging now, or the run history. It fills the window; only its panes scroll. */
export function ConsoleScreen() {
  useTrackRunProgress();
  useRereadOnConnectivityChange();
  const view = useConsoleStore((s) => s.view);
  const setView = useConsoleStore((s) => s.setView);
  const clearCache = useEvoMutation('customers:clearCache');
  return (
    <Box data-testid="console" display="flex" flexDirection="column" flex="1" minH="0">
      <HStack as="nav" aria-label="Console" gap="1" mb="2" flexShrink={0}>
        <Button size="sm" variant={view === 'customers' ? 'solid' : 'ghost'} aria-current={view === 'customers' ? 'page' : undefined} onClick={() => setView('customers')}>
          Customers
        </Button>
        <Button size="sm" variant={view === 'staging' ? 'solid' : 'ghost'} aria-current={view === 'staging' ? 'page' : undefined} onClick={() => setView('staging')} data-testid="nav-staging-now">
          In staging now
        </Button>
        <Button size="sm" variant={view === 'history' ? 'solid' : 'ghost'} aria-current={view === 'history' ? 'page' : undefined} onClick={() => setView('history')}>
          History
        </Button>
        <Box flex="1" />
        <Button size="xs" variant="ghost" onClick={() => clearCache.mutate(undefined)} loading={clearCache.isPending} title="Delete the offline copy of this account from this computer">
          {clearCache.isSuccess ? 'Offline copy cleared' : 'Clear offline copy'}
        </Button>
      </HStack>
      <DueReturnsBar />
      <InterruptedRuns />
      {view === 'customers' ? (
        <Box flex="1" minH="0" data-testid="console-split">
          <SplitPane
            storageKey={PREFERENCE_KEYS.consoleSplit}
            defaultShare={0.68}
            firstMinPx={LIST_MIN_PX}
            secondMinPx={DETAIL_MIN_PX}
            label="Divider between the customer list and the details (← / → to move)"
            first={<BrowserPane />}
            second={<CustomerPanel />}
          />
        </Box>
      ) : (
        <Box flex="1" minH="0" overflowY="auto">
          {view === 'staging' ? <StagingNowScreen /> : <HistoryScreen />}
        </Box>
      )}
      <QuickJump />
      <RoutingChangeFlow />
      <ShortcutsDialog />
    </Box>
  );
}
