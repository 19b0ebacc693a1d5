/* Who drives a run: the owner this process writes into the journal when it creates or
 * continues a run, and how another process tells a live owner from a gone one. A run is owned
 * by one service instance (its token), in one process (pid, host); the owner keeps a heartbeat
 * in the journal while it drives the run. */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { RecordedOwner, RunClaimConflict, RunOwner } from './journal/journal';

/** How often a driving owner writes its heartbeat. */
export const HEARTBEAT_INTERVAL_MS = 5_000;
/** A heartbeat older than this means nobody drives the run any more (a stopped run, a machine
 *  that slept): another process may take it over. Six missed heartbeats. */
export const OWNER_STALE_MS = 30_000;

export function newRunOwner(): RunOwner {
  return { token: randomUUID(), pid: process.pid, host: os.hostname() };
}

/** Whether a recorded owner still drives its run. A process that is gone (same machine) never
 *  does; otherwise the heartbeat decides. Runs recorded by an older app have no heartbeat: their
 *  owner counts while its process lives. */
export function ownerIsLive(owner: RecordedOwner, now: number = Date.now()): boolean {
  const sameHost = owner.host === os.hostname();
  if (sameHost && !processAlive(owner.pid)) return false;
  if (owner.token === null) return sameHost && owner.pid !== process.pid;
  if (owner.heartbeatAt === null) return false;
  return now - Date.parse(owner.heartbeatAt) < OWNER_STALE_MS;
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A refused claim as the person reads it (Conflict: the CLI's exit 2). */
export function claimConflictError(conflict: RunClaimConflict): AppError {
  const who = conflict.owner.pid === process.pid ? 'this window' : `another process (pid ${conflict.owner.pid}${conflict.owner.host === os.hostname() ? '' : ` on ${conflict.owner.host}`})`;
  return new AppError({
    kind: 'Conflict',
    operation: 'bulkStaging',
    message: `${conflict.message} It is driven by ${who}; let it finish or cancel it there first. Two runs never change the same customer at once.`,
  });
}
