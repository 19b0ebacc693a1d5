/* "In staging now" and the due-returns bar over a fake bridge: rows with since / by / run,
 * how the list was built and when, the subtree filter, "Refresh now" (a new listing), and
 * returning selected or due customers — only ever as an ask to plan and confirm. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AppProviders } from '../../../../src/renderer/app/providers';
import { useConsoleStore } from '../../../../src/renderer/app/console-store';
import { useUiStore } from '../../../../src/renderer/app/ui-store';
import { DueReturnsBar } from '../../../../src/renderer/features/staging-now/DueReturnsBar';
import { StagingNowScreen } from '../../../../src/renderer/features/staging-now/StagingNowScreen';
import type { DueReturnsResult, StagingNowResult, StagingNowRow } from '../../../../src/shared/staging-now';
import { createFakeBridge, type FakeHandlers } from '../../support/fake-bridge';
import { SANDBOX, SIGNED_IN } from '../../support/session-fixtures';

afterEach(cleanup);
beforeEach(() => {
  useUiStore.getState().reset();
  useConsoleStore.getState().reset();
});

const LISTED = Date.parse('2026-11-29T10:00:00Z');
const row = (i: number, extra: Partial<StagingNowRow> = {}): StagingNowRow => ({
  id: `c${i}`,
  name: `Customer ${i}`,
  referenceId: null,
  path: [{ id: 'root', name: 'Reseller' }],
  lastModified: '2026-11-29T09:30:00Z',
  lastModifiedBy: 'ops@example.com',
  run: null,
  fetchedAt: LISTED,
  ...extra,
});
const ROWS = [
  row(1, { run: { customerId: 'c1', runId: 'abcdef12-run', kind: 'apply', at: '2026-11-29T09:30:00Z', by: 'max@example.com', toStaging: true, returnBy: '2020-01-01T00:00:00Z' } }),
  row(2, { path: [{ id: 'root', name: 'Reseller' }, { id: 'p2', name: 'Partner Two' }] }),
];
const result = (rows: StagingNowRow[], subtreeId: string | null = null): StagingNowResult => ({ rows, source: 'server', listedAt: LISTED, oldestFetchedAt: LISTED, subtreeId });

function setup(handlers: FakeHandlers, ui: React.ReactNode) {
  const fake = createFakeBridge({
    'session:getState': () => ({ ...SIGNED_IN, profile: SANDBOX }),
    'connectivity:getState': () => ({ state: 'online', since: 0, failedProbes: 0 }),
    ...handlers,
  });
  render(<AppProviders bridge={fake.bridge}>{ui}</AppProviders>);
  return fake;
}

describe('In staging now', () => {
  it('lists the customers with since, by and the run, and says how the list was built and when', async () => {
    setup({ 'staging:now': ({ subtreeId }) => result(subtreeId ? ROWS.filter((r) => r.path.some((p) => p.id === subtreeId)) : ROWS, subtreeId) }, <StagingNowScreen />);
    const rows = await screen.findAllByTestId('staging-now-row');
    expect(rows).toHaveLength(2);
    const first = within(rows[0] as HTMLElement);
    expect(first.getByText('Customer 1')).toBeTruthy();
    expect(rows[0]?.textContent).toContain('ops@example.com');
    expect(rows[0]?.textContent).toContain('abcdef12');
    expect(rows[0]?.textContent).toContain('overdue');
    expect(within(rows[1] as HTMLElement).getByTitle(/Not in this computer's journal/).textContent).toBe('—');
    expect(screen.getByTestId('staging-now-source').textContent).toMatch(/offline copy, refreshed by a listing of the whole account \(the API cannot list by routing\): account listed 2026-11-29/);
    expect(screen.getByTestId('staging-now-count').textContent).toBe('2 customers');
  });

  it('filters by subtree through the channel', async () => {
    const fake = setup({ 'staging:now': ({ subtreeId }) => result(subtreeId ? ROWS.filter((r) => r.path.some((p) => p.id === subtreeId)) : ROWS, subtreeId) }, <StagingNowScreen />);
    await screen.findAllByTestId('staging-now-row');
    const select = screen.getByTestId('staging-now-subtree') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Whole account', 'Reseller (2)', 'Reseller / Partner Two (1)']);
    fireEvent.change(select, { target: { value: 'p2' } });
    await waitFor(() => expect(screen.getAllByTestId('staging-now-row')).toHaveLength(1));
    expect(fake.calls.filter((c) => c.channel === 'staging:now').at(-1)?.request).toEqual({ subtreeId: 'p2' });
    expect(screen.getByTestId('staging-now-count').textContent).toBe('1 customer in this subtree');
  });

  it('returns selected rows only as a plan to confirm; Refresh now lists the account again', async () => {
    const fake = setup({ 'staging:now': () => result(ROWS) }, <StagingNowScreen />);
    await screen.findAllByTestId('staging-now-row');
    const returnButton = screen.getByTestId('return-selected') as HTMLButtonElement;
    expect(returnButton.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('Select Customer 2'));
    await waitFor(() => expect(returnButton.disabled).toBe(false));
    fireEvent.click(returnButton);
    expect(useUiStore.getState().routingChange).toEqual({ request: { customerIds: ['c2'], target: 'production' }, subject: 'Customer 2' });
    fireEvent.click(screen.getByLabelText('Select every customer listed'));
    await waitFor(() => expect(returnButton.textContent).toContain('(2)'));
    fireEvent.click(returnButton);
    expect(useUiStore.getState().routingChange?.request.customerIds).toEqual(['c1', 'c2']);
    expect(fake.calls.some((c) => c.channel === 'bulk:start')).toBe(false);

    fireEvent.click(screen.getByText('Refresh now'));
    await waitFor(() => expect(fake.calls.some((c) => c.channel === 'staging:now' && (c.request as { maxAgeMs?: number }).maxAgeMs === 0)).toBe(true));
  });

  it('says so when nobody is on staging', async () => {
    setup({ 'staging:now': () => result([]) }, <StagingNowScreen />);
    expect((await screen.findByTestId('staging-now-empty')).textContent).toBe('No customer of this account is on staging.');
  });
});

describe('due returns bar', () => {
  const due: DueReturnsResult = {
    source: 'server',
    checkedAt: '2026-11-29T10:00:00Z',
    items: [
      { customerId: 'c1', name: 'Customer 1', path: [], runId: 'r1', returnBy: '2026-11-29T09:00:00Z', urgency: 'overdue', by: 'max@example.com' },
      { customerId: 'c2', name: 'Customer 2', path: [], runId: 'r1', returnBy: '2026-11-29T10:20:00Z', urgency: 'due', by: 'max@example.com' },
    ],
  };

  it('names who is due and overdue and offers the return, as a plan to confirm', async () => {
    const fake = setup({ 'staging:due': () => due }, <DueReturnsBar />);
    const bar = await screen.findByTestId('due-returns');
    expect(bar.textContent).toContain('2 customers due back from staging (1 overdue)');
    expect(bar.textContent).toContain('Customer 1 (overdue');
    fireEvent.click(screen.getByTestId('due-returns-review'));
    expect(useUiStore.getState().routingChange).toEqual({ request: { customerIds: ['c1', 'c2'], target: 'production' }, subject: 'the 2 customers due back' });
    expect(fake.calls.some((c) => c.channel === 'bulk:start' || c.channel === 'bulk:plan')).toBe(false);
    fireEvent.click(screen.getByText('Show in staging now'));
    expect(useConsoleStore.getState().view).toBe('staging');
  });

  it('shows nothing when nobody is due', async () => {
    const fake = setup({ 'staging:due': () => ({ ...due, items: [] }) }, <DueReturnsBar />);
    await waitFor(() => expect(fake.calls.some((c) => c.channel === 'staging:due')).toBe(true));
    expect(screen.queryByTestId('due-returns')).toBeNull();
  });
});
