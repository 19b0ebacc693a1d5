/* The three seeded accounts and each account's tag catalogue (all 11 TagColors). */
import type { AccountInfo, BillingSettings, SystemSettingsInfo, Tag } from '../wire';
import { TAG_COLORS } from '../wire';
import type { Rng } from './random';
import { hexId, intBetween, isoBetween } from './random';
import { billingSettings } from './settings';

const ACCOUNT_NAMES = ['Northwind Telecom', 'Contoso Voice', 'Fabrikam Hosting'] as const;

const TAG_NAMES = [
  'VIP', 'Churn risk', 'Onboarding', 'Healthcare', 'Legal', 'Retail', 'Overdue invoice',
  'Migrated', 'Pilot', 'Education', '24/7 support', 'Reseller', 'Do not call',
] as const;

export interface SeedAccount {
  info: AccountInfo & { id: string; name: string };
  tags: (Tag & { id: string })[];
  settings: SystemSettingsInfo;
}

export function buildAccounts(rng: Rng): SeedAccount[] {
  const parentAccountId = hexId(rng);
  return ACCOUNT_NAMES.map((name, index) => {
    const id = hexId(rng);
    const created = isoBetween(rng, Date.UTC(2019, 0, 1), Date.UTC(2020, 11, 31));
    const billing: BillingSettings = billingSettings(rng);
    // Every account uses all 11 colours; the extra tags repeat colours, as real catalogues do.
    const tags = TAG_NAMES.map((tagName, i) => ({
      id: hexId(rng),
      name: tagName,
      color: TAG_COLORS[(i + index) % TAG_COLORS.length],
    }));
    const info = {
      id,
      name,
      dateCreated: created,
      dateLastModified: isoBetween(rng, Date.parse(created), Date.UTC(2026, 0, 1)),
      createdBy: 'provisioning@evovoice.example',
      lastModifiedBy: 'provisioning@evovoice.example',
      parentAccountId,
      twilioAccountSid: `AC${hexId(rng)}${hexId(rng).slice(0, 8)}`,
      ancestorIds: [parentAccountId],
      maxPhoneNumbers: intBetween(rng, 50, 5000),
      isBYOA: index === 2,
      trustHubProfileSid: `BU${hexId(rng)}${hexId(rng).slice(0, 8)}`,
      logoId: hexId(rng),
      logoUri: `https://files.sandbox.test/logos/${id}.png`,
      billingSettings: billing,
    };
    const settings: SystemSettingsInfo = {
      tags,
      customerFields: [
        { id: 'industry', name: 'Industry', type: 'Text' },
        { id: 'seats', name: 'Seats', type: 'Number' },
        { id: 'vip', name: 'VIP', type: 'Boolean' },
        { id: 'contacts', name: 'Contacts', type: 'List' },
        { id: 'address', name: 'Address', type: 'Struct' },
      ],
      systemFields: [],
      endpointFields: [],
      emailAccounts: [],
      documentation: '',
      recordingRetentionDays: 90,
      enableSipRefer: index !== 1,
      autoAgentLogoffSeconds: 3600,
      defaultSipRegion: 'us1',
      overrideSystemTime: false,
    };
    return { info, tags, settings };
  });
}
