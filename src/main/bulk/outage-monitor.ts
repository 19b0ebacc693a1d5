/* "Is the server down?" for one run. Consecutive outage failures (5xx, network, timeout) up to
 * a threshold mean it may be; the run then holds new requests while a probe asks the server
 * something that involves no customer (GET /auth/status) with backoff, until any HTTP answer
 * comes. So one broken customer record that always answers 500 cannot look like a server that
 * is down: the probe answers at once, the outage is a false alarm, and the failures that raised
 * it count against the record after all, so it uses up its own attempts. */
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
  /** Outages raised so far (the current or last one is number `outages`). */
  private outages = 0;
  /** Outages whose first probe the server answered: it was up all along. */
  private readonly falseAlarms = new Set<number>();
  down = false;

  constructor(private readonly deps: OutageMonitorDeps) {}

  /** The server answered something (any HTTP answer): it is up. */
  answered(): void {
    this.consecutive = 0;
  }

  /** A failed request; the outage it falls in when the server is (now) considered down — then the
   *  failure counts against its item only if that outage proves a false alarm (`excuses`). */
  failed(kind: AppError['kind']): number | null {
    if (!isOutageKind(kind)) return null;
    this.consecutive += 1;
    if (!this.down && this.consecutive >= this.deps.threshold) {
      this.down = true;
      this.outages += 1;
      this.deps.onChange();
      this.probing ??= this.probeUntilUp().finally(() => {
        this.probing = undefined;
      });
    }
    return this.down ? this.outages : null;
  }

  /** Whether failures during `outage` are excused (the server really was down); ask once it is over. */
  excuses(outage: number): boolean {
    return !this.falseAlarms.has(outage);
  }

  private async probeUntilUp(): Promise<void> {
    for (let n = 0; !this.deps.signal.aborted; n++) {
      try {
        await this.deps.sleep(Math.max(100, backoffDelay(Math.min(n, 10), this.deps.policy, this.deps.random)), this.deps.signal);
      } catch {
        break;
      }
      let answered = true;
      try {
        await this.deps.probe();
      } catch (thrown) {
        // Any answer (401, 403, 429, an odd page...) means the server is up.
        answered = !isOutageKind(thrown instanceof AppError ? thrown.kind : 'Unexpected');
      }
      if (answered) {
        if (n === 0) this.falseAlarms.add(this.outages);
        break;
      }
    }
    this.down = false;
    this.consecutive = 0;
    this.deps.onChange();
  }
}
