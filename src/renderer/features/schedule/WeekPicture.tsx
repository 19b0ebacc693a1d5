import { Alert, Box, Text } from '@chakra-ui/react';
import type { CSSProperties } from 'react';
import { stateColor, stateTextColor, type WeekGrid } from '../../../shared/schedule';

const cellBase: CSSProperties = { padding: 0, height: 22, minWidth: 14, borderRight: '1px solid rgba(255,255,255,0.35)' };
const hidden: CSSProperties = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' };

export interface WeekPictureProps {
  grid: WeekGrid;
  /** Set when the server's state now disagrees with the local evaluation. */
  approximate?: boolean;
  /** e.g. "Inherited schedule" — names the table for assistive technology. */
  caption?: string;
  /** Where "now" is in the schedule's zone (the marker shows when that day is in the week). */
  now?: { date: string; minute: number; label: string };
}

const nowLine: CSSProperties = { position: 'absolute', top: -2, bottom: -2, width: 3, marginLeft: -1, background: 'var(--chakra-colors-fg)', boxShadow: '0 0 0 1px var(--chakra-colors-bg)', pointerEvents: 'none' };

/** 7 days × the day's slots, each cell coloured by its state, as a real table:
 * day names are row headers, hours are column headers, and every cell carries its state as
 * text (visually hidden) so the picture reads without colour. */
export function WeekPicture({ grid, approximate, caption = 'Week picture', now }: WeekPictureProps) {
  const slotCount = grid.days[0]?.slots.length ?? 0;
  const slotsPerHour = Math.max(1, Math.round(slotCount / 24));
  const headers = grid.days[0]?.slots ?? [];
  const slotMinutes = slotCount > 0 ? 1440 / slotCount : 60;
  const nowShown = now !== undefined && grid.days.some((d) => d.date === now.date);
  return (
    <Box data-testid="week-picture" data-approximate={approximate ? 'true' : 'false'} data-incomplete={grid.doubts.length > 0 ? 'true' : 'false'}>
      {grid.doubts.length > 0 ? (
        <Alert.Root status="warning" mb="2" data-testid="week-incomplete">
          <Alert.Indicator />
          <Alert.Description>
            Possibly incomplete: this schedule has {grid.doubts.join('; ')}. Such rules are not applied in this picture, so it may differ from what the server does.
          </Alert.Description>
        </Alert.Root>
      ) : null}
      <Box overflowX="auto">
        <table style={{ borderCollapse: 'collapse', width: '100%', tableLayout: 'fixed', fontSize: 11 }}>
          <caption style={{ textAlign: 'left', fontWeight: 600, paddingBottom: 4 }}>
            {caption} — times in {grid.zone}
            {approximate ? ' (approximation)' : ''}
            {grid.doubts.length > 0 ? ' (possibly incomplete)' : ''}
            {nowShown ? ` — the line marks now, ${now.label}` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col" style={{ width: 90, textAlign: 'left' }}>
                Day
              </th>
              {headers.map((slot, i) => (
                <th key={slot.start} scope="col" style={{ fontWeight: 400, textAlign: 'left', overflow: 'visible', whiteSpace: 'nowrap' }} aria-label={slot.start}>
                  {i % (slotsPerHour * 3) === 0 ? slot.start.slice(0, 2) : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.days.map((day) => (
              <tr key={day.date}>
                <th scope="row" style={{ textAlign: 'left', whiteSpace: 'nowrap', fontWeight: 600, paddingRight: 6 }}>
                  {day.label}
                </th>
                {day.slots.map((slot, i) => {
                  const isNow = nowShown && day.date === now.date && Math.floor(now.minute / slotMinutes) === i;
                  return (
                    <td
                      key={slot.start}
                      data-testid="week-cell"
                      data-date={day.date}
                      data-start={slot.start}
                      data-state={slot.stateName}
                      data-now={isNow ? 'true' : undefined}
                      title={`${day.label} ${slot.start}: ${slot.stateName}`}
                      style={{ ...cellBase, background: stateColor(slot.stateName), color: stateTextColor(slot.stateName), ...(isNow ? { position: 'relative' } : {}) }}
                    >
                      <span style={hidden}>
                        {slot.stateName}
                        {isNow ? ' (now)' : ''}
                      </span>
                      {isNow ? <span aria-hidden data-testid="now-marker" style={{ ...nowLine, left: `${((now.minute % slotMinutes) / slotMinutes) * 100}%` }} /> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </Box>
      <Box as="ul" display="flex" gap="4" mt="2" flexWrap="wrap" aria-label="Legend" data-testid="week-legend" pl="0" listStyleType="none">
        {grid.states.map((state) => (
          <Box as="li" key={state} display="flex" alignItems="center" gap="1.5">
            <span aria-hidden style={{ width: 14, height: 14, borderRadius: 3, display: 'inline-block', background: stateColor(state) }} />
            <Text as="span" fontSize="sm">
              {state}
            </Text>
          </Box>
        ))}
      </Box>
    </Box>
  );
}
