import { Box, Tabs, Text } from '@chakra-ui/react';
import { useDeferredValue } from 'react';
import { useEvoQuery } from '../../app/hooks';
import { AsOfLabel, ErrorCallout } from '../../shared-ui';
import { BulkPanel } from '../bulk/BulkPanel';
import { useConsoleStore, type DetailTab } from '../../app/console-store';
import { useCurrentPath, useNavigate } from '../browser/use-navigation';
import { MakeOffline } from '../offline/MakeOffline';
import { useConnectivity } from '../offline/use-connectivity';
import { CustomerSchedule } from '../schedule/CustomerSchedule';
import { RoutingToggle } from './RoutingToggle';
import { AppSettingsSection, BillingSection, DataSection, IdentitySection, IntegrationSection, OtherFieldsSection } from './CustomerSections';

/** The right-hand side: the current customer in full (overview, schedule) and bulk staging.
 * Every tab has its panel in the page (assistive technology follows aria-controls); only the
 * selected one renders its content. */
export function CustomerPanel() {
  // Deferred: when the user moves, the list paints first and the (heavier) detail follows.
  const { currentId: urgentId } = useCurrentPath();
  const currentId = useDeferredValue(urgentId);
  const navigate = useNavigate();
  const tab = useConsoleStore((s) => s.detailTab);
  const setTab = useConsoleStore((s) => s.setDetailTab);
  const offline = useConnectivity()?.state === 'offline';
  const result = useEvoQuery('customers:get', [{ id: currentId ?? '' }], { enabled: currentId !== null });
  const customer = result.data?.customer;
  const ancestors = (customer?.breadcrumb ?? []).filter((b) => b.id !== customer?.id);
  const shown = currentId === null ? 'bulk' : tab;

  return (
    <Box data-testid="customer-panel" h="100%" overflowY="auto" pl="2" pr="1">
      <Tabs.Root value={shown} onValueChange={(d) => setTab(d.value as DetailTab)} size="sm">
        <Tabs.List position="sticky" top="0" bg="bg" zIndex="1">
          <Tabs.Trigger value="overview" disabled={currentId === null}>
            Customer
          </Tabs.Trigger>
          <Tabs.Trigger value="schedule" disabled={currentId === null}>
            Schedule
          </Tabs.Trigger>
          <Tabs.Trigger value="bulk">Bulk staging</Tabs.Trigger>
        </Tabs.List>
        {result.error ? <ErrorCallout action="Loading the customer" error={result.error.toData()} /> : null}
        <Tabs.Content value="overview">
          {shown === 'overview' && customer ? (
            <>
              <Box mb="2" display="flex" gap="3" alignItems="center" flexWrap="wrap">
                {/* Offline, the banner says how old the data on screen is (once per screen). */}
                {offline ? (
                  <Text as="span" fontSize="xs" color="fg.muted" data-testid="from-offline-copy">
                    From the offline copy
                  </Text>
                ) : (
                  <AsOfLabel fetchedAt={result.data?.fetchedAt} source={result.data?.source} />
                )}
              </Box>
              <RoutingToggle customer={customer} />
              <IdentitySection customer={customer} breadcrumb={ancestors} onNavigate={navigate} />
              <OtherFieldsSection customer={customer} />
              <DataSection customer={customer} />
              <IntegrationSection customer={customer} />
              <BillingSection customer={customer} />
              <AppSettingsSection customer={customer} />
              <Box mt="3">
                <MakeOffline customerId={customer.id} customerName={customer.name ?? customer.id} />
              </Box>
            </>
          ) : null}
        </Tabs.Content>
        <Tabs.Content value="schedule">{shown === 'schedule' && customer ? <CustomerSchedule customer={customer} /> : null}</Tabs.Content>
        <Tabs.Content value="bulk">
          {currentId === null ? (
            <Text color="fg.muted" fontSize="sm" mb="2">
              Open a customer (Enter or double-click) to see its details and schedule. Select rows (Space, Shift+↑/↓, Ctrl+A) to plan a change for them.
            </Text>
          ) : null}
          {shown === 'bulk' ? <BulkPanel currentCustomer={customer ?? null} /> : null}
        </Tabs.Content>
      </Tabs.Root>
    </Box>
  );
}
