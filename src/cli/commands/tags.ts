/* tags ls: the active account's tag catalogue, so `--tag` has names to take. */
import type { CliContext } from '../context';
import { noteSource } from '../source-note';
import { tagColourText } from '../tag-names';
import type { Action } from './action';

export const ls: Action<[]> = async (ctx: CliContext) => {
  const identity = await ctx.identity();
  const result = await ctx.services.customers(identity).tags();
  noteSource(ctx, result);
  const items = [...result.items].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
  ctx.out.result({ source: result.source, fetchedAt: result.fetchedAt === null ? null : new Date(result.fetchedAt).toISOString(), tags: items }, () =>
    ctx.out.listing(
      items,
      [
        { header: 'ID', value: (t) => t.id ?? '' },
        { header: 'NAME', value: (t) => t.name ?? '' },
        { header: 'COLOUR', value: (t) => tagColourText(t.color) },
      ],
      'No tags in this account.',
    ),
  );
};
