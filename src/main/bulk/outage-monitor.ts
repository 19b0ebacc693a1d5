/* "Is the server down?" for one run. Consecutive outage failures (5xx, network, timeout) up to
 * a threshold mean it may be; the run then holds new requests while a probe asks the server
 * something that involves no customer (GET /auth/status) with backoff, until any HTTP answer
 * comes. So one broken customer record that always answers 500 cannot look like a server that
 * is down: the probe answers at once, and the record uses up its own attempts. */
import { AppError } from '../../shared/errors';
import { isOutageKind } from '../../shared/bulk/verify';
import { backoffDelay, type RetryPolicy } from '../api/retry';

export interface OutageMonitorDeps {
  /** Consecutive outage failures that mean "maybe down". */
  threshold: number;
  /** One request that needs the server but no customer; rejects with an AppError. */
  probe: () => Promise<unknown>;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  /** Backoff between probes (its maxDelayMs caps the wait). */
  policy: RetryPolicy;
  /** Ends the probing (the run was cancelled or stopped). */
  signal: AbortSignal;
  /** Down → up or up → down. */
  onChange: () => void;
}

export class OutageMonitor {
  private consecutive = 0;
  private probing: Promise<void> | undefined;
  down = false;

  constructor(private readonly deps: OutageMonitorDeps) {}

  /** The server answered something (any HTTP answer): it is up. */
  answered(): void {
    this.consecutive = 0;
  }

  /** A failed request; true when the server is (now) considered down, so the failure should not count against its item. */
  failed(kind: AppError['kind']): boolean {
    if (!isOutageKind(kind)) return false;
    this.consecutive += 1;
    if (!this.down && this.consecutive >= this.deps.threshold) {
      this.down = true;
      this.deps.onChange();
      this.probing ??= this.probeUntilUp().finally(() => {
        this.probing = undefined;
      });
    }
    return this.down;
  }

  private async probeUntilUp(): Promise<void> {
    for (let n = 0; !this.deps.signal.aborted; n++) {
      try {
        await this.deps.sleep(Math.max(100, backoffDelay(Math.min(n, 10), this.deps.policy, this.deps.random)), this.deps.signal);
      } catch {
        break;
      }
      try {
        await this.deps.probe();
        break;
      } catch (thrown) {
        const kind = thrown instanceof AppError ? thrown.kind : 'Unexpected';
        if (!isOutageKind(kind)) break; // the server answered (401, 403, 429, an odd page...): it is up
      }
    }
    this.down = false;
    this.consecutive = 0;
    this.deps.onChange();
  }
}
