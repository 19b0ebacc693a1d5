import { Box, Button, Grid, HStack } from '@chakra-ui/react';
import { useEvoMutation } from '../../app/hooks';
import { CustomerPanel } from '../customer/CustomerPanel';
import { HistoryScreen } from '../history/HistoryScreen';
import { InterruptedRuns } from '../history/InterruptedRuns';
import { QuickJump } from '../quick-jump/QuickJump';
import { useTrackRunProgress } from '../bulk/use-run-progress';
import { useRereadOnConnectivityChange } from '../offline/use-connectivity';
import { BrowserPane } from './BrowserPane';
import { useConsoleStore } from '../../app/console-store';

/** The signed-in console: customers (browser + detail + bulk) or the run history. */
export function ConsoleScreen() {
  useTrackRunProgress();
  useRereadOnConnectivityChange();
  const view = useConsoleStore((s) => s.view);
  const setView = useConsoleStore((s) => s.setView);
  const clearCache = useEvoMutation('customers:clearCache');
  return (
    <Box data-testid="console" display="flex" flexDirection="column" h="100%" minH="0">
      <HStack as="nav" aria-label="Console" gap="1" mb="3">
        <Button size="sm" variant={view === 'customers' ? 'solid' : 'ghost'} aria-current={view === 'customers' ? 'page' : undefined} onClick={() => setView('customers')}>
          Customers
        </Button>
        <Button size="sm" variant={view === 'history' ? 'solid' : 'ghost'} aria-current={view === 'history' ? 'page' : undefined} onClick={() => setView('history')}>
          History
        </Button>
        <Box flex="1" />
        <Button size="xs" variant="ghost" onClick={() => clearCache.mutate(undefined)} loading={clearCache.isPending} title="Delete the offline copy of this account from this computer">
          {clearCache.isSuccess ? 'Offline copy cleared' : 'Clear offline copy'}
        </Button>
      </HStack>
      <InterruptedRuns />
      {view === 'customers' ? (
        <Grid templateColumns={{ base: '1fr', lg: 'minmax(380px, 5fr) 6fr' }} gap="4" flex="1" minH="0" h="calc(100vh - 170px)">
          <BrowserPane />
          <CustomerPanel />
        </Grid>
      ) : (
        <HistoryScreen />
      )}
      <QuickJump />
    </Box>
  );
}
