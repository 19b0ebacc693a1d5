/* sync ID: "make available offline" — CustomerService.syncSubtree downloads the customer and
 * all its descendants into the profile's cache, with progress; Ctrl-C stops it and nothing is
 * marked as synced. */
import type { Command } from 'commander';
import { formatDuration } from '../output';
import { progressView } from '../progress';
import { onInterrupt } from '../signals';
import type { Action, Bind } from './action';

export const sync: Action<[string]> = async (ctx, id) => {
  const identity = await ctx.onlineIdentity('sync');
  const customers = ctx.services.customers(identity);
  const view = progressView(ctx.out, 'syncing');
  const abort = new AbortController();
  const off = onInterrupt(() => abort.abort());
  const started = Date.now();
  try {
    const result = await customers.syncSubtree(id, { signal: abort.signal, onProgress: (p) => view.update(p.fetched, p.total ?? null, 'customers') });
    ctx.out.result({ ...result, syncedAt: new Date(result.syncedAt).toISOString() }, () =>
      ctx.out.line(`${result.count} customers of ${id} are available offline (${result.pages} pages, ${formatDuration(Date.now() - started)}${result.removed ? `; ${result.removed} no longer on the server removed from the cache` : ''}${result.unreadable ? `; ${result.unreadable} could not be read (see the warnings above)` : ''}).`),
    );
  } finally {
    view.stop();
    off();
  }
};

export function registerSyncCommand(program: Command, bind: Bind): void {
  program
    .command('sync')
    .description('make a customer and all its descendants available offline (for --offline reads and offline plans)')
    .argument('<id>', 'customer id (the root of the subtree)')
    .action(bind(sync));
}
