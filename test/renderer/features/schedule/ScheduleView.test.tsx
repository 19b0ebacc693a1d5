import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import type { Schedule } from '../../../../src/shared/evo/schemas';
import { ScheduleView } from '../../../../src/renderer/features/schedule/ScheduleView';
import { renderUi } from '../../support/render';

afterEach(cleanup);

const weekdays: Schedule = {
  timeZoneId: 'America/New_York',
  defaultState: 'Closed',
  rules: [
    {
      id: 'r1',
      name: 'Office hours',
      simpleRuleType: 'Time',
      frequency: 'Weekly',
      byDay: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((d) => ({ offset: 0, dayOfWeek: d as 'Monday' })),
      startTime: '08:00',
      endTime: '17:00',
      state: 'Open',
      priority: 1,
    },
  ],
};

// Wednesday 2026-11-25 15:00 UTC = 10:00 in New York.
const NOW = '2026-11-25T15:00:00.000Z';

describe('ScheduleView', () => {
  it('draws 7 days × 24 hours coloured by state, in the schedule zone, with a legend', () => {
    renderUi(<ScheduleView schedule={weekdays} now={NOW} stateNow={{ stateName: 'Open', timeZoneId: 'America/New_York', at: NOW }} />);
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(8); // header + 7 days
    const cells = screen.getAllByTestId('week-cell');
    expect(cells).toHaveLength(7 * 24);
    const cell = (date: string, start: string) => cells.find((c) => c.dataset.date === date && c.dataset.start === start);
    expect(cell('2026-11-23', '08:00')?.dataset.state).toBe('Open'); // Monday
    expect(cell('2026-11-23', '07:00')?.dataset.state).toBe('Closed');
    expect(cell('2026-11-23', '17:00')?.dataset.state).toBe('Closed'); // end exclusive
    expect(cell('2026-11-28', '12:00')?.dataset.state).toBe('Closed'); // Saturday
    expect(cell('2026-11-23', '08:00')?.textContent).toBe('Open'); // readable without colour
    expect(cell('2026-11-23', '08:00')?.style.background).not.toBe(cell('2026-11-23', '07:00')?.style.background);
    expect(within(table).getByText(/times in America\/New_York/)).toBeTruthy();
    expect(within(screen.getByTestId('week-legend')).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Closed', 'Open']);
  });

  it('describes the rules in plain language', () => {
    renderUi(<ScheduleView schedule={weekdays} now={NOW} />);
    expect(screen.getAllByTestId('rule-line').map((li) => li.textContent)).toEqual([expect.stringMatching(/08:00.17:00: Open$/)]);
    expect(screen.getByText('Time zone: America/New_York')).toBeTruthy();
    expect(screen.getByText('When no rule matches: Closed')).toBeTruthy();
  });

  it('shows the server state now with the time in the schedule zone, no approximation note when they agree', () => {
    renderUi(<ScheduleView schedule={weekdays} now={NOW} stateNow={{ stateName: 'Open', timeZoneId: 'America/New_York', at: NOW }} />);
    expect(screen.getByTestId('state-now-name').textContent).toBe('Open');
    expect(screen.getByTestId('state-now-time').textContent).toBe('Wed 25 Nov 2026 10:00');
    expect(screen.queryByTestId('approximation-note')).toBeNull();
    expect(screen.getByTestId('week-picture').dataset.approximate).toBe('false');
  });

  it('labels the picture an approximation when the server disagrees', () => {
    renderUi(<ScheduleView schedule={weekdays} now={NOW} stateNow={{ stateName: 'Holiday', timeZoneId: 'America/New_York', at: NOW }} />);
    expect(screen.getByTestId('approximation-note').textContent).toContain('approximation');
    expect(screen.getByTestId('week-picture').dataset.approximate).toBe('true');
    expect(screen.getByRole('table').querySelector('caption')?.textContent).toContain('(approximation)');
  });

  it('shows the inherited schedule, labelled, and pictures it', () => {
    const parent: Schedule = { timeZoneId: 'Europe/London', defaultState: 'After Hours', rules: [] };
    renderUi(<ScheduleView schedule={{ inherit: true }} inherited={parent} now={NOW} />);
    const box = screen.getByTestId('inherited-schedule');
    expect(box.textContent).toContain('Inherited schedule');
    expect(box.textContent).toContain('Time zone: Europe/London');
    expect(new Set(screen.getAllByTestId('week-cell').map((c) => c.dataset.state))).toEqual(new Set(['After Hours']));
    expect(screen.getByRole('table').querySelector('caption')?.textContent).toContain('inherited schedule');
  });

  it('names the customer and the ancestor the inherited schedule comes from', () => {
    const parent: Schedule = { timeZoneId: 'Europe/London', defaultState: 'After Hours', rules: [] };
    renderUi(<ScheduleView customerName="Acme Branch" inheritedFrom={{ kind: 'ancestor', id: 'p1', name: 'Acme Holdings' }} schedule={{ inherit: true }} inherited={parent} now={NOW} />);
    expect(screen.getByRole('heading', { name: 'Own schedule of Acme Branch (set to inherit)' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Inherited from Acme Holdings — this is what applies' })).toBeTruthy();
  });

  it('marks now in the week picture, in the schedule zone, only in the week that holds it', () => {
    renderUi(<ScheduleView schedule={weekdays} now={NOW} />);
    const now = screen.getAllByTestId('week-cell').filter((c) => c.dataset.now === 'true');
    // 15:00 UTC is 10:00 in New York, on Wednesday 25 November.
    expect(now.map((c) => `${c.dataset.date} ${c.dataset.start}`)).toEqual(['2026-11-25 10:00']);
    expect(now[0]?.textContent).toBe('Open (now)');
    expect(screen.getByTestId('now-marker')).toBeTruthy();
    expect(screen.getByRole('table').querySelector('caption')?.textContent).toContain('the line marks now, Wed 10:00');
    fireEvent.click(screen.getByRole('button', { name: 'Next week' }));
    expect(screen.queryByTestId('now-marker')).toBeNull();
  });

  it('says force-closed and moves between weeks', () => {
    renderUi(<ScheduleView schedule={{ ...weekdays, forceClosed: true }} now={NOW} />);
    expect(screen.getByText(/Force closed: yes/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next week' }));
    expect(screen.getAllByTestId('week-cell')[0]?.dataset.date).toBe('2026-11-30');
  });

  it('keeps a hostile state name as text', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    renderUi(<ScheduleView schedule={{ defaultState: hostile }} now={NOW} />);
    expect(screen.getByTestId('week-picture').querySelector('img')).toBeNull();
    expect(screen.getAllByTestId('week-cell')[0]?.textContent).toBe(hostile);
  });
});
