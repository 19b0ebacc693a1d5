import { Alert, Box, Text } from '@chakra-ui/react';
import { DateTime } from 'luxon';
import type { AppErrorData } from '../../../shared/errors';
import { resolveTimeZone, stateColor } from '../../../shared/schedule';

export interface ServerStateNow {
  stateName: string;
  timeZoneId: string;
  /** The instant asked about (ISO). */
  at: string;
}

export interface StateNowProps {
  /** TestSchedule's answer; undefined while loading or offline. */
  server: ServerStateNow | undefined;
  /** Our own evaluation of the same instant (works offline). */
  local: { stateName: string; zone: string; at: string };
  error?: AppErrorData | null;
  offline?: boolean;
  approximate: boolean;
}

function inZone(at: string, zone: string): string {
  const dt = DateTime.fromISO(at, { zone });
  return dt.isValid ? dt.toFormat('ccc d LLL yyyy HH:mm') : at;
}

/** "State now" from the server (TestSchedule), with the time in the schedule's zone, and the
 * local picture's answer when they differ. */
export function StateNow({ server, local, error, offline, approximate }: StateNowProps) {
  const zone = server ? resolveTimeZone(server.timeZoneId).zone : local.zone;
  return (
    <Box data-testid="state-now" mb="3">
      {server ? (
        <Text>
          State now:{' '}
          <Text as="strong" data-testid="state-now-name" px="1.5" borderRadius="sm" style={{ background: stateColor(server.stateName), color: '#fff' }}>
            {server.stateName}
          </Text>{' '}
          at <span data-testid="state-now-time">{inZone(server.at, zone)}</span> ({server.timeZoneId || zone}), from the server
        </Text>
      ) : (
        <Text color="fg.muted">
          {offline ? 'State now from the server: unavailable offline.' : error ? `State now from the server failed: ${error.message}` : 'Asking the server for the state now…'}{' '}
          Local evaluation: {local.stateName} at {inZone(local.at, local.zone)} ({local.zone}).
        </Text>
      )}
      {approximate && server ? (
        <Alert.Root status="warning" mt="2" data-testid="approximation-note">
          <Alert.Indicator />
          <Alert.Description>
            The week picture is an approximation: it is computed on this computer and says “{local.stateName}” for now, while the server says “{server.stateName}”. Trust the server’s state.
          </Alert.Description>
        </Alert.Root>
      ) : null}
    </Box>
  );
}
