/* --tag takes what listings show: a tag's name (any case) or its id, resolved against the
 * account's tag catalogue (from the server, or the offline copy with --offline). A name or id
 * the account does not have stops the command (exit 5) instead of silently matching nothing. */
import { isKnownTagColor, type Tag } from '../shared/evo/schemas';
import type { CliContext } from './context';
import { CliError, EXIT } from './exit-codes';
import type { CliIdentity } from './services';

/** The tag ids for `inputs`, in order, each once. */
export function resolveTagIds(inputs: readonly string[], catalogue: readonly Tag[], account: string): string[] {
  const ids: string[] = [];
  for (const input of inputs) {
    const wanted = input.trim();
    const byId = catalogue.find((t) => t.id === wanted);
    const byName = byId ? [byId] : catalogue.filter((t) => t.id && (t.name ?? '').trim().toLowerCase() === wanted.toLowerCase());
    if (byName.length > 1) {
      throw new CliError(`Several tags of ${account} are named "${input}" (${byName.map((t) => t.id).join(', ')}): give the id instead.`, EXIT.usage);
    }
    const found = byName[0];
    if (!found?.id) {
      const known = catalogue.map((t) => t.name ?? t.id ?? '').filter(Boolean).sort((a, b) => a.localeCompare(b));
      const list = known.length === 0 ? 'it has none' : `its tags: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''}`;
      throw new CliError(`No tag named or with the id "${input}" in ${account} (${list}). List them with: evo-console tags ls`, EXIT.notFound);
    }
    if (!ids.includes(found.id)) ids.push(found.id);
  }
  return ids;
}

/** --tag values as tag ids (undefined when none was given). */
export async function tagIdsFor(ctx: CliContext, identity: CliIdentity, inputs: readonly string[]): Promise<string[] | undefined> {
  if (inputs.length === 0) return undefined;
  const catalogue = await ctx.services.customers(identity).tags();
  return resolveTagIds(inputs, catalogue.items, `account ${identity.accountName ?? identity.accountId}`);
}

/** A tag's colour as the server sent it, saying so when it is not a TagColors name this console knows. */
export function tagColourText(color: string | undefined): string {
  if (color === undefined) return '';
  return isKnownTagColor(color) ? color : `${color} (not a colour this console knows)`;
}
