/* Moved to src/shared/session.ts because the state crosses IPC; re-exported here so
 * main-process imports keep working. */
export type { SessionAccount, SessionState, SessionStatus, SessionUser } from '../../shared/session';
