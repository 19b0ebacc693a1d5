/* What a real server may send, as the screens show it: every data Value carries `listValue: []`
 * beside its scalar (the C# constructor makes it) and must still show as that scalar; data nested
 * deeper than the display limit shows "…"; a tag colour the console does not know is a neutral
 * chip naming it; a rule of an unknown type is listed as such and the week picture says it may
 * be incomplete. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { EVO_ASSUMPTIONS } from '../../../../src/shared/evo/assumptions';
import type { Schedule } from '../../../../src/shared/evo/schemas';
import { SET_ASIDE_MEMBER } from '../../../../src/shared/evo/tolerant';
import { DataSection } from '../../../../src/renderer/features/customer/CustomerSections';
import { ScheduleView } from '../../../../src/renderer/features/schedule/ScheduleView';
import { TagChip } from '../../../../src/renderer/shared-ui/TagChip';
import { renderUi } from '../../support/render';
import { makeCustomer } from '../../support/fixtures';

afterEach(cleanup);

function deep(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { stringValue: 'bottom', listValue: [] };
  for (let i = 0; i < levels; i++) value = { structValue: { level: value }, listValue: [] };
  return value;
}

describe('DataTree with the Values a ServiceStack server writes', () => {
  it('a scalar with listValue: [] beside it shows as the scalar, not as an empty list', () => {
    const customer = makeCustomer(1, {
      data: {
        plan: { stringValue: 'gold', listValue: [] },
        seats: { numberValue: 12, listValue: [] },
        vip: { boolValue: false, listValue: [] },
        nothing: { listValue: [] },
        contacts: { listValue: [{ email: { stringValue: 'a@b.c', listValue: [] } }] },
      },
    });
    renderUi(<DataSection customer={customer} />);
    const leaves = within(screen.getByTestId('struct-tree'))
      .getAllByTestId('tree-leaf')
      .map((leaf) => leaf.textContent);
    expect(leaves).toEqual(['plan: "gold"', 'seats: 12', 'vip: false', 'nothing: []', 'email: "a@b.c"']);
    expect(screen.getByTestId('struct-tree').querySelectorAll('details')).toHaveLength(2); // contacts, contacts[0]
  });

  it(`data nested ~700 levels deep shows the first ${EVO_ASSUMPTIONS.dataDisplayDepth} levels, then "…"`, () => {
    renderUi(<DataSection customer={makeCustomer(2, { data: { nested: deep(700), plain: { stringValue: 'ok', listValue: [] } } })} />);
    const tree = screen.getByTestId('struct-tree');
    expect(tree.querySelectorAll('details')).toHaveLength(EVO_ASSUMPTIONS.dataDisplayDepth);
    const cut = within(tree).getByTestId('tree-too-deep');
    expect(cut.textContent).toBe('level: …');
    expect(within(tree).getAllByTestId('tree-leaf').map((l) => l.textContent)).toEqual(['plain: "ok"']);
  });
});

describe('TagChip', () => {
  it('a colour the console does not know gives a neutral chip naming the server’s colour', () => {
    renderUi(
      <>
        <TagChip tag={{ id: 't1', name: 'VIP', color: 'Pink' }} />
        <TagChip tag={{ id: 't2', name: 'Gold tier', color: 'Gold' }} />
      </>,
    );
    const [pink, gold] = screen.getAllByTestId('tag-chip') as [HTMLElement, HTMLElement];
    expect(pink.textContent).toBe('VIP· Pink');
    expect(pink.dataset['neutral']).toBe('true');
    expect(pink.getAttribute('title')).toBe('Tag colour: Pink (a colour this console does not know)');
    expect(pink.style.borderColor).toBe('rgb(140, 140, 140)'); // the neutral grey (border and dot; the name keeps the page's text colour)
    expect(gold.textContent).toBe('Gold tier');
    expect(gold.dataset['neutral']).toBeUndefined();
  });
});

describe('a schedule the console cannot read fully', () => {
  const schedule: Schedule = {
    timeZoneId: 'UTC',
    defaultState: 'Closed',
    rules: [
      { id: 'r1', priority: 1, simpleRuleType: 'PublicHoliday', state: 'Holiday' },
      { id: 'r2', priority: 2, simpleRuleType: 'Time', frequency: 'Weekly', byDay: [{ offset: 0, dayOfWeek: 'Monday' }], startTime: '09:00', endTime: '17:00', state: 'Open' },
    ],
  };

  it('lists the unknown rule as such and marks the week picture as possibly incomplete', () => {
    renderUi(<ScheduleView schedule={schedule} now="2026-06-01T10:00:00.000Z" />);
    const lines = screen.getAllByTestId('rule-line').map((l) => l.textContent);
    expect(lines).toEqual(['A rule of a type this console does not know: PublicHoliday (Holiday; not applied in the week picture)', 'Mon 09:00–17:00: Open']);
    const picture = screen.getByTestId('week-picture');
    expect(picture.dataset['incomplete']).toBe('true');
    expect(within(picture).getByTestId('week-incomplete').textContent).toContain('Possibly incomplete: this schedule has a rule of a type this console does not know (PublicHoliday)');
    expect(within(picture).getByRole('table').querySelector('caption')?.textContent).toContain('(possibly incomplete)');
  });

  it('a schedule without such rules is not marked; one that lost a rule on the way says so', () => {
    renderUi(<ScheduleView schedule={{ ...schedule, rules: schedule.rules?.slice(1) }} now="2026-06-01T10:00:00.000Z" />);
    expect(screen.getByTestId('week-picture').dataset['incomplete']).toBe('false');
    expect(screen.queryByTestId('week-incomplete')).toBeNull();
    cleanup();
    const lost = { ...schedule, rules: schedule.rules?.slice(1), [SET_ASIDE_MEMBER]: [{ field: 'rules[0]', problem: 'expected object (got string)' }] };
    renderUi(<ScheduleView schedule={lost} now="2026-06-01T10:00:00.000Z" />);
    expect(screen.getByTestId('rules-set-aside').textContent).toBe('One rule could not be read and is not listed: rules[0] (expected object (got string)).');
    expect(screen.getByTestId('week-picture').dataset['incomplete']).toBe('true');
  });

  it('an inherited schedule the server says does not exist is shown as none', () => {
    renderUi(<ScheduleView schedule={{ inherit: true }} inherited={null} now="2026-06-01T10:00:00.000Z" />);
    expect(screen.getByTestId('no-inherited-schedule').textContent).toBe('None: the server says there is no schedule to inherit.');
    expect(screen.queryByTestId('week-picture')).toBeNull();
  });
});
