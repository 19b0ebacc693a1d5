/* What the bulk service needs from its neighbours, as narrow views so tests and the CLI
 * can pass the real classes (EvoClient, SessionService, CustomerCache). */
import type { EvoClient } from '../api/evo-client';
import type { CustomerCache } from '../cache/customer-cache';
import type { SessionState } from '../../shared/session';

/** The EvoClient calls bulk staging makes (authStatus: the outage probe, which involves no customer). */
export type BulkClient = Pick<EvoClient, 'customerPages' | 'getCustomers' | 'getCustomer' | 'setStaging' | 'authStatus'>;

/** The SessionService as a run sees it: identity to record, sign-in state to wait on. */
export interface BulkSession {
  getState(): SessionState;
  /** Returns an unsubscribe function. */
  onStateChange(listener: (state: SessionState) => void): () => void;
}

/** The CustomerCache queries an offline plan needs (each result carries `fetchedAt`). */
export type BulkCache = Pick<CustomerCache, 'get' | 'descendants'>;
