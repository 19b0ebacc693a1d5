import { Box, Tabs, Text } from '@chakra-ui/react';
import { useDeferredValue } from 'react';
import { useEvoQuery } from '../../app/hooks';
import { AsOfLabel, ErrorCallout } from '../../shared-ui';
import { BulkPanel } from '../bulk/BulkPanel';
import { useConsoleStore, type DetailTab } from '../../app/console-store';
import { useCurrentPath, useNavigate } from '../browser/use-navigation';
import { MakeOffline } from '../offline/MakeOffline';
import { CustomerSchedule } from '../schedule/CustomerSchedule';
import { AppSettingsSection, BillingSection, DataSection, IdentitySection, IntegrationSection } from './CustomerSections';

/** The right-hand side: the current customer in full (overview, schedule) and bulk staging. */
export function CustomerPanel() {
  // Deferred: when the user moves, the list paints first and the (heavier) detail follows.
  const { currentId: urgentId } = useCurrentPath();
  const currentId = useDeferredValue(urgentId);
  const navigate = useNavigate();
  const tab = useConsoleStore((s) => s.detailTab);
  const setTab = useConsoleStore((s) => s.setDetailTab);
  const result = useEvoQuery('customers:get', [{ id: currentId ?? '' }], { enabled: currentId !== null });
  const customer = result.data?.customer;
  const ancestors = (customer?.breadcrumb ?? []).filter((b) => b.id !== customer?.id);

  return (
    <Box data-testid="customer-panel" h="100%" overflowY="auto" pr="1">
      <Tabs.Root value={tab} onValueChange={(d) => setTab(d.value as DetailTab)} size="sm" lazyMount unmountOnExit>
        <Tabs.List>
          <Tabs.Trigger value="overview" disabled={currentId === null}>
            Customer
          </Tabs.Trigger>
          <Tabs.Trigger value="schedule" disabled={currentId === null}>
            Schedule
          </Tabs.Trigger>
          <Tabs.Trigger value="bulk">Bulk staging</Tabs.Trigger>
        </Tabs.List>
        {currentId === null && tab !== 'bulk' ? (
          <Text color="fg.muted" mt="3">
            Open a customer (Enter or double-click) to see its details and schedule; select rows (Space) for a bulk change.
          </Text>
        ) : null}
        {result.error ? <ErrorCallout action="Loading the customer" error={result.error.toData()} /> : null}
        {customer ? (
          <>
            <Tabs.Content value="overview">
              <Box mb="2" display="flex" gap="3" alignItems="center" flexWrap="wrap">
                <AsOfLabel fetchedAt={result.data?.fetchedAt} source={result.data?.source} />
              </Box>
              <Box mb="3">
                <MakeOffline customerId={customer.id} customerName={customer.name ?? customer.id} />
              </Box>
              <IdentitySection customer={customer} breadcrumb={ancestors} onNavigate={navigate} />
              <DataSection customer={customer} />
              <IntegrationSection customer={customer} />
              <BillingSection customer={customer} />
              <AppSettingsSection customer={customer} />
            </Tabs.Content>
            <Tabs.Content value="schedule">
              <CustomerSchedule customer={customer} />
            </Tabs.Content>
          </>
        ) : null}
        <Tabs.Content value="bulk">
          <BulkPanel currentCustomer={customer ?? null} />
        </Tabs.Content>
      </Tabs.Root>
    </Box>
  );
}
