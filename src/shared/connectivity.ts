/* Online/offline as every process sees it (the Connectivity service in
 * src/main/connectivity decides it; the banner shows it over IPC). */

export type ConnectivityState = 'online' | 'offline';

export interface ConnectivitySnapshot {
  state: ConnectivityState;
  /** When the current state began (ms since epoch). */
  since: number;
  /** While offline: when the next probe will run. */
  nextProbeAt?: number;
  /** While offline: probes that failed since going offline. */
  failedProbes: number;
}
