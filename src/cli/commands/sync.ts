/* sync ID: "make available offline" — CustomerService.syncSubtree downloads the customer and
 * all its descendants into the profile's cache, with progress; Ctrl-C stops it and nothing is
 * marked as synced. */
import { formatDuration, plural } from '../../shared/format';
import { progressView } from '../progress';
import { onInterrupt } from '../signals';
import { terminalSafe } from '../terminal-text';
import type { Action } from './action';

export const sync: Action<[string]> = async (ctx, id) => {
  const identity = await ctx.onlineIdentity('sync');
  const customers = ctx.services.customers(identity);
  const view = progressView(ctx.out, 'syncing');
  const abort = new AbortController();
  const off = onInterrupt(() => abort.abort());
  const started = Date.now();
  try {
    const result = await customers.syncSubtree(id, { signal: abort.signal, onProgress: (p) => view.update(p.fetched, p.total ?? null, 'customers') });
    view.stop();
    const removed = result.removed ? `; ${plural(result.removed, 'customer')} no longer on the server removed from the offline copy` : '';
    ctx.out.result({ ...result, syncedAt: new Date(result.syncedAt).toISOString() }, () =>
      ctx.out.line(`${plural(result.count, 'customer')} of ${terminalSafe(id)} available offline (${plural(result.pages, 'page')}, ${formatDuration(Date.now() - started)}${removed}${result.unreadable ? `; ${result.unreadable} could not be read (see the warnings above)` : ''}).`),
    );
  } finally {
    view.stop();
    off();
  }
};
