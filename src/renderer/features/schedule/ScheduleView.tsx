import { Box, Button, Heading, HStack, Text } from '@chakra-ui/react';
import { useMemo, useState } from 'react';
import type { Schedule } from '../../../shared/evo/schemas';
import type { AppErrorData } from '../../../shared/errors';
import { agreesWithServer, evaluateSchedule, weekGrid, weekStartOf } from '../../../shared/schedule';
import { DateTime } from 'luxon';
import { RuleList } from './RuleList';
import { StateNow, type ServerStateNow } from './StateNow';
import { WeekPicture } from './WeekPicture';

/** Where an inherited schedule comes from (worked out by the caller: the API does not say). */
export type InheritedFrom =
  | { kind: 'ancestor'; id: string; name: string }
  /** No ancestor holds a schedule of its own: the server answers the customer's own. */
  | { kind: 'none' }
  /** Still looking, or the ancestors could not all be read. */
  | { kind: 'unknown'; reason?: string };

export interface ScheduleViewProps {
  /** Whose schedule this is (named in the headings). */
  customerName?: string;
  inheritedFrom?: InheritedFrom;
  /** The customer's own schedule. */
  schedule: Schedule | undefined;
  /** GetInheritedSchedule's answer when `schedule.inherit` is set (null: there is none). */
  inherited?: Schedule | null;
  inheritedError?: AppErrorData | null;
  stateNow?: ServerStateNow;
  stateNowError?: AppErrorData | null;
  offline?: boolean;
  /** The instant "now" refers to (ISO); also the week shown first. */
  now: string;
}

function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A customer's schedule: its rules in words, the effective schedule's week picture (own, or
 * the inherited one, labelled), and the server's state now with an approximation note. */
export function ScheduleView({ customerName, inheritedFrom, schedule, inherited, inheritedError, stateNow, stateNowError, offline, now }: ScheduleViewProps) {
  const own = schedule ?? {};
  const inherits = own.inherit === true;
  // What actually applies: the parent's schedule when inheriting (once it is known).
  const effective: Schedule | undefined = inherits ? (inherited ?? undefined) : own;
  const nowDate = useMemo(() => new Date(now), [now]);
  const firstWeek = useMemo(() => (effective ? weekStartOf(effective, nowDate) : undefined), [effective, nowDate]);
  const [weekOffset, setWeekOffset] = useState(0);
  const weekStart = firstWeek ? shiftDate(firstWeek, weekOffset * 7) : undefined;
  const grid = useMemo(() => (effective && weekStart ? weekGrid(effective, weekStart, 60) : undefined), [effective, weekStart]);
  const local = useMemo(() => (effective ? evaluateSchedule(effective, nowDate) : undefined), [effective, nowDate]);
  const approximate = !!(effective && stateNow && !agreesWithServer(effective, nowDate, stateNow.stateName));
  const nowInZone = useMemo(() => {
    if (!grid) return undefined;
    const local = DateTime.fromJSDate(nowDate, { zone: grid.zone });
    return local.isValid ? { date: local.toISODate() ?? '', minute: local.hour * 60 + local.minute, label: local.toFormat('ccc HH:mm') } : undefined;
  }, [grid, nowDate]);
  const whose = customerName ? ` of ${customerName}` : '';

  return (
    <Box data-testid="schedule-view">
      <Heading as="h4" size="xs" mb="1">
        {inherits ? `Own schedule${whose} (set to inherit)` : `Schedule${whose}`}
      </Heading>
      <RuleList schedule={own} />
      {inherits ? (
        <Box mt="3" pl="3" borderLeftWidth="3px" borderColor="purple.400" data-testid="inherited-schedule">
          <Heading as="h4" size="xs" mb="1">
            {inheritedHeading(inheritedFrom)}
          </Heading>
          {inherited ? (
            <RuleList schedule={inherited} />
          ) : inherited === null ? (
            <Text fontSize="sm" color="fg.muted" data-testid="no-inherited-schedule">
              None: the server says there is no schedule to inherit.
            </Text>
          ) : (
            <Text fontSize="sm" color="fg.muted">
              {inheritedError?.kind === 'Offline' ? 'The inherited schedule is not in the offline copy (make the parent customers available offline).' : inheritedError ? `Could not load the inherited schedule: ${inheritedError.message}` : 'Loading the inherited schedule…'}
            </Text>
          )}
        </Box>
      ) : null}
      {effective && local && grid ? (
        <Box mt="4">
          <StateNow server={stateNow} local={{ stateName: local.stateName, zone: local.zone, at: now }} error={stateNowError} offline={offline} approximate={approximate} />
          <HStack mb="2" gap="2">
            <Button size="xs" variant="outline" onClick={() => setWeekOffset((w) => w - 1)} aria-label="Previous week">
              ‹ Previous week
            </Button>
            <Button size="xs" variant="outline" onClick={() => setWeekOffset(0)} disabled={weekOffset === 0}>
              This week
            </Button>
            <Button size="xs" variant="outline" onClick={() => setWeekOffset((w) => w + 1)} aria-label="Next week">
              Next week ›
            </Button>
          </HStack>
          <WeekPicture grid={grid} approximate={approximate} caption={inherits ? 'Week picture of the inherited schedule' : 'Week picture'} now={nowInZone} />
        </Box>
      ) : null}
    </Box>
  );
}

function inheritedHeading(from: InheritedFrom | undefined): string {
  switch (from?.kind) {
    case 'ancestor':
      return `Inherited from ${from.name} — this is what applies`;
    case 'none':
      return 'No ancestor has a schedule of its own — the server applies this one';
    case 'unknown':
      return `Inherited from an ancestor — this is what applies${from.reason ? ` (${from.reason})` : ''}`;
    default:
      return 'Inherited schedule — this is what applies';
  }
}
