/* staging now | due: who is on staging right now (from the account's offline copy, refreshed by
 * a listing of the account when online) and who is due back (runs with a return-by time).
 * Both only read; returning customers is `staging apply --to normal ID…`, confirmed as usual. */
import { formatDateTime, plural } from '../../shared/format';
import type { DueReturnsResult, StagingNowResult } from '../../shared/staging-now';
import { stagingNow } from '../../main/staging-now';
import { pathText } from '../output';
import { shellWord, terminalSafe } from '../terminal-text';
import type { Action } from './action';

interface NowOptions {
  subtree?: string;
}

/** How the list was built and how fresh it is: the API cannot filter by routing. */
function howBuilt(result: StagingNowResult): string {
  const listed = result.listedAt === null ? 'the account was never listed, so only customers seen so far are known' : `account listed ${formatDateTime(result.listedAt)}`;
  const from = result.source === 'server' ? 'refreshed from the server' : 'offline copy only (the server was not asked or did not answer)';
  return `From the account's offline copy, ${from}; ${listed}.`;
}

export const now: Action<[NowOptions]> = async (ctx, options) => {
  const identity = await ctx.identity();
  const result = await stagingNow(ctx.services.customers(identity), ctx.services.bulk(identity), { subtreeId: options.subtree ?? null });
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const doc = { ...result, listedAt: iso(result.listedAt), oldestFetchedAt: iso(result.oldestFetchedAt), rows: result.rows.map((r) => ({ ...r, fetchedAt: iso(r.fetchedAt) })) };
  ctx.out.note(howBuilt(result));
  ctx.out.result(doc, () => {
    ctx.out.listing(
      result.rows,
      [
        { header: 'ID', value: (r) => r.id },
        { header: 'NAME', value: (r) => r.name },
        { header: 'PATH', value: (r) => pathText(r.path.map((b) => b.name || b.id)) || '(root)' },
        { header: 'SINCE', value: (r) => (r.lastModified ? formatDateTime(r.lastModified) : '') },
        { header: 'BY', value: (r) => r.lastModifiedBy ?? '' },
        { header: 'RUN', value: (r) => (r.run ? `${r.run.runId.slice(0, 8)}${r.run.returnBy ? ` (back by ${formatDateTime(r.run.returnBy)})` : ''}` : '') },
      ],
      options.subtree ? 'No customer of this subtree is on staging.' : 'No customer of the account is on staging.',
    );
    if (result.rows.length > 0) ctx.out.line(`${plural(result.rows.length, 'customer')} on staging.`);
  });
};

export const due: Action<[]> = async (ctx) => {
  const identity = await ctx.identity();
  const result: DueReturnsResult = await ctx.services.bulk(identity).dueReturns({ fromCache: identity.offline });
  if (result.source === 'cache') ctx.out.warn('routing from the offline cache (the server was not asked)');
  ctx.out.result(result, () => {
    ctx.out.listing(
      result.items,
      [
        { header: 'ID', value: (r) => r.customerId },
        { header: 'NAME', value: (r) => r.name },
        { header: 'PATH', value: (r) => pathText(r.path.map((b) => b.name || b.id)) || '(root)' },
        { header: 'RETURN BY', value: (r) => formatDateTime(r.returnBy) },
        { header: 'STATE', value: (r) => r.urgency, paint: (t, r) => (r.urgency === 'overdue' ? ctx.out.c.red(t) : ctx.out.c.yellow(t)) },
        { header: 'RUN', value: (r) => r.runId.slice(0, 8) },
      ],
      'Nobody is due back from staging.',
    );
    if (result.items.length > 0) {
      // Ids come from the server: made safe for the terminal and quoted for the shell the line is pasted into.
      ctx.out.line(`Return them with: evo-console staging apply --to normal ${result.items.map((i) => shellWord(terminalSafe(i.customerId))).join(' ')}`);
    }
  });
};
