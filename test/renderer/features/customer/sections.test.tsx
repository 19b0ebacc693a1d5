import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { AppSettingsSection, BillingSection, DataSection, IdentitySection, IntegrationSection } from '../../../../src/renderer/features/customer/CustomerSections';
import { renderUi } from '../../support/render';
import { HOSTILE_NAME, makeCustomer } from '../../support/fixtures';

afterEach(cleanup);

const customer = makeCustomer(7, {
  name: HOSTILE_NAME,
  parentCustomerId: 'p1',
  dateCreated: '2025-01-02T03:04:05Z',
  createdBy: 'alice',
  dateLastModified: '2026-11-01T10:00:00Z',
  lastModifiedBy: 'bob',
  isStaging: true,
  tags: [{ id: 't1', name: 'VIP', color: 'Magenta' }],
  data: {
    plan: { stringValue: 'gold' },
    seats: { numberValue: 12 },
    address: { structValue: { city: { stringValue: '<b>Paris</b>' } } },
    contacts: { listValue: [{ email: { stringValue: 'a@b.c' } }] },
  },
  integrationData: { HostedSuite: { thirdPartyId: 'HS-1' } },
  overrideBillingSettings: true,
  billingSettings: { base: { baseCost: 10, unitCost: 0.5, rawUnitMultiplier: 1, allowance: 100 }, aiFuture: { baseCost: 1 } } as never,
  overrideAppSettings: false,
  appSettings: { enableDialer: true, chakraTheme: 'dark' },
});

describe('customer detail sections', () => {
  it('shows ids, dates, account, path, routing and tags; the hostile name is text', () => {
    const onNavigate = vi.fn();
    renderUi(<IdentitySection customer={customer} breadcrumb={[{ id: 'p0', name: 'Top' }, { id: 'p1', name: 'Parent' }]} onNavigate={onNavigate} />);
    const section = screen.getByTestId('section-identity');
    for (const text of ['c7', 'REF-7', 'Main account', 'acc1', 'p1', 'alice', 'bob', 'calls go to the staging server', 'VIP']) expect(section.textContent).toContain(text);
    expect(section.textContent).toContain(HOSTILE_NAME);
    expect(section.querySelector('script, img')).toBeNull();
    fireEvent.click(within(screen.getByTestId('detail-breadcrumb')).getByRole('button', { name: 'Parent' }));
    expect(onNavigate).toHaveBeenCalledWith('p1');
  });

  it('shows the data struct as a collapsible tree', () => {
    renderUi(<DataSection customer={customer} />);
    const tree = screen.getByTestId('struct-tree');
    expect(tree.textContent).toContain('plan: "gold"');
    expect(tree.textContent).toContain('seats: 12');
    const details = tree.querySelectorAll('details');
    expect(details.length).toBe(3); // address, contacts, contacts[0]
    expect(tree.textContent).toContain('"<b>Paris</b>"');
    expect(tree.querySelector('b')).toBeNull();
  });

  it('shows integration data, billing (overridden) and app settings (inherited)', () => {
    renderUi(
      <>
        <IntegrationSection customer={customer} />
        <BillingSection customer={customer} />
        <AppSettingsSection customer={customer} />
      </>,
    );
    expect(screen.getByTestId('json-tree').textContent).toContain('thirdPartyId: "HS-1"');
    const billing = screen.getByTestId('section-billing');
    expect(within(billing).getByTestId('override-badge').textContent).toBe('overridden here');
    const rows = within(billing).getAllByRole('row');
    expect(rows[1]?.textContent).toBe('Base100.51100');
    expect(rows[2]?.textContent).toContain('aiFuture'); // fields the console does not know yet still show
    const app = screen.getByTestId('section-app-settings');
    expect(within(app).getByTestId('override-badge').textContent).toBe('inherited');
    expect(app.textContent).toContain('Dialer');
    expect(app.textContent).toContain('on');
    expect(app.textContent).toContain('dark');
  });
});
