import { Badge, Box, Button, DataList, Heading, Table, Text, Wrap } from '@chakra-ui/react';
import type { ReactNode } from 'react';
import { asText, BillingItemSchema, type Customer, type CustomerBreadcrumb } from '../../../shared/evo/schemas';
import { RoutingPill, TagChip, formatDateTime } from '../../shared-ui';
import { JsonTree, StructTree } from './DataTree';
import { ROUTING_WORDS, routingOf } from '../../../shared/routing-words';

export function Section({ title, id, children, aside }: { title: string; id: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <Box as="section" aria-labelledby={`${id}-title`} borderWidth="1px" borderRadius="md" p="3" mb="3" data-testid={`section-${id}`}>
      <Box display="flex" alignItems="center" gap="2" mb="2">
        <Heading as="h3" size="sm" id={`${id}-title`}>
          {title}
        </Heading>
        {aside}
      </Box>
      {children}
    </Box>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

const orDash = (v: string | undefined | null) => (v ? v : '—');

export interface IdentitySectionProps {
  customer: Customer;
  /** Ancestors root → parent (from the customer or the breadcrumb channel). */
  breadcrumb: CustomerBreadcrumb[];
  onNavigate?: (customerId: string | null) => void;
}

/** Ids, dates, account, path, routing, reference id, tags. */
export function IdentitySection({ customer, breadcrumb, onNavigate }: IdentitySectionProps) {
  return (
    <Section title="Customer" id="identity" aside={<RoutingPill isStaging={customer.isStaging} />}>
      <DataList.Root orientation="horizontal" size="sm">
        <Field label="Name">{orDash(customer.name)}</Field>
        <Field label="Customer id">
          <Text as="span" fontFamily="mono">
            {customer.id}
          </Text>
        </Field>
        <Field label="Reference id">{orDash(customer.referenceId)}</Field>
        <Field label="Account">
          {orDash(customer.accountName)}{' '}
          <Text as="span" color="fg.muted" fontFamily="mono" wordBreak="break-all">
            ({orDash(customer.accountId)})
          </Text>
        </Field>
        <Field label="Path">
          <Wrap gap="1" as="span" data-testid="detail-breadcrumb">
            {onNavigate ? (
              <Button size="xs" variant="ghost" onClick={() => onNavigate(null)}>
                All customers
              </Button>
            ) : (
              <span>All customers</span>
            )}
            {breadcrumb.map((crumb) => (
              <Box as="span" key={crumb.id ?? crumb.name}>
                {' / '}
                {onNavigate && crumb.id ? (
                  <Button size="xs" variant="ghost" onClick={() => onNavigate(crumb.id ?? null)}>
                    {crumb.name ?? crumb.id}
                  </Button>
                ) : (
                  <span>{crumb.name ?? crumb.id}</span>
                )}
              </Box>
            ))}
          </Wrap>
        </Field>
        <Field label="Parent id">
          <Text as="span" fontFamily="mono">
            {orDash(customer.parentCustomerId)}
          </Text>
        </Field>
        <Field label="Call routing">
          <RoutingPill isStaging={customer.isStaging} /> {ROUTING_WORDS[routingOf(customer.isStaging)].description}
        </Field>
        <Field label="Created">
          {formatDateTime(asText(customer.dateCreated))} by {orDash(asText(customer.createdBy))}
        </Field>
        <Field label="Last modified">
          {formatDateTime(asText(customer.dateLastModified))} by {orDash(asText(customer.lastModifiedBy))}
        </Field>
        <Field label="Tags">
          {customer.tags && customer.tags.length > 0 ? customer.tags.map((tag) => <TagChip key={tag.id} tag={tag} />) : 'none'}
        </Field>
      </DataList.Root>
    </Section>
  );
}

export function DataSection({ customer }: { customer: Customer }) {
  return (
    <Section title="Data" id="data">
      <StructTree struct={customer.data} emptyText="No custom data." />
    </Section>
  );
}

export function IntegrationSection({ customer }: { customer: Customer }) {
  return (
    <Section title="Integration data" id="integration">
      <JsonTree value={customer.integrationData} emptyText="No integration data." />
    </Section>
  );
}

function OverrideBadge({ overridden }: { overridden: unknown }) {
  return overridden === true ? (
    <Badge colorPalette="purple" data-testid="override-badge">
      overridden here
    </Badge>
  ) : (
    <Badge colorPalette="gray" data-testid="override-badge">
      inherited
    </Badge>
  );
}

const BILLING_LABELS: Record<string, string> = {
  base: 'Base',
  localNumbers: 'Local numbers',
  tollFreeNumbers: 'Toll-free numbers',
  inboundVoiceCalls: 'Inbound voice calls',
  outboundVoiceCalls: 'Outbound voice calls',
  inboundFaxes: 'Inbound faxes',
  outboundFaxes: 'Outbound faxes',
  inboundSmsMessages: 'Inbound SMS',
  outboundSmsMessages: 'Outbound SMS',
  aiInsights: 'AI insights',
  aiLiveMinutes: 'AI live minutes',
  aiMessages: 'AI messages',
};

const num = (v: number | undefined) => (v === undefined ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: 6 }));
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One billing row: the known numbers, or the item as sent when it does not read as a BillingItem. */
function BillingRow({ label, raw }: { label: string; raw: unknown }) {
  const item = BillingItemSchema.safeParse(raw ?? {});
  return (
    <Table.Row>
      <Table.Cell>{label}</Table.Cell>
      {item.success ? (
        <>
          <Table.Cell textAlign="end">{num(item.data.baseCost)}</Table.Cell>
          <Table.Cell textAlign="end">{num(item.data.unitCost)}</Table.Cell>
          <Table.Cell textAlign="end">{num(item.data.rawUnitMultiplier)}</Table.Cell>
          <Table.Cell textAlign="end">{num(item.data.allowance)}</Table.Cell>
        </>
      ) : (
        <Table.Cell colSpan={4}>
          <JsonTree value={raw} emptyText={String(raw)} />
        </Table.Cell>
      )}
    </Table.Row>
  );
}

export function BillingSection({ customer }: { customer: Customer }) {
  const settings: Record<string, unknown> = isRecord(customer.billingSettings) ? customer.billingSettings : {};
  // Known items first in the portal's order, then anything newer the server added.
  const keys = [...Object.keys(BILLING_LABELS).filter((k) => k in settings), ...Object.keys(settings).filter((k) => !(k in BILLING_LABELS))];
  return (
    <Section title="Billing settings" id="billing" aside={<OverrideBadge overridden={customer.overrideBillingSettings} />}>
      {keys.length === 0 ? (
        <Text color="fg.muted">{customer.overrideBillingSettings === true ? 'No billing items set.' : 'Uses the parent’s billing settings.'}</Text>
      ) : (
        <Table.Root size="sm" variant="outline">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeader>Item</Table.ColumnHeader>
              <Table.ColumnHeader textAlign="end">Base cost</Table.ColumnHeader>
              <Table.ColumnHeader textAlign="end">Unit cost</Table.ColumnHeader>
              <Table.ColumnHeader textAlign="end">Raw unit multiplier</Table.ColumnHeader>
              <Table.ColumnHeader textAlign="end">Allowance</Table.ColumnHeader>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {keys.map((key) => (
              <BillingRow key={key} label={BILLING_LABELS[key] ?? key} raw={settings[key]} />
            ))}
          </Table.Body>
        </Table.Root>
      )}
    </Section>
  );
}

const APP_LABELS: Record<string, string> = {
  enablePhoneNumberManagement: 'Phone number management',
  enableDeviceManagement: 'Device management',
  enableDialer: 'Dialer',
  enableCallHistory: 'Call history',
  showFileNameInMessageCenter: 'File names in message center',
  chakraTheme: 'Portal theme',
};

export function AppSettingsSection({ customer }: { customer: Customer }) {
  const entries = Object.entries(isRecord(customer.appSettings) ? customer.appSettings : {});
  return (
    <Section title="App settings" id="app-settings" aside={<OverrideBadge overridden={customer.overrideAppSettings} />}>
      {entries.length === 0 ? (
        <Text color="fg.muted">{customer.overrideAppSettings === true ? 'No app settings set.' : 'Uses the parent’s app settings.'}</Text>
      ) : (
        <DataList.Root orientation="horizontal" size="sm">
          {entries.map(([key, value]) => (
            <Field key={key} label={APP_LABELS[key] ?? key}>
              {typeof value === 'boolean' ? (value ? 'on' : 'off') : typeof value === 'object' && value !== null ? <JsonTree value={value} /> : String(value)}
            </Field>
          ))}
        </DataList.Root>
      )}
    </Section>
  );
}
