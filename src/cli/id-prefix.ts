/* Run and plan ids are UUIDs; nobody types 36 characters. A unique prefix of at least
 * MIN_PREFIX characters names one, the way `git` takes a short commit id. */
import { CliError, EXIT } from './exit-codes';

export const MIN_PREFIX = 6;

export interface PrefixTarget {
  /** "run", "plan": used in the messages. */
  what: string;
  /** The command that lists them. */
  listCommand: string;
}

/** The one id that is `text` or starts with it; exit 5 when none, exit 2 when short or ambiguous. */
export function resolveIdPrefix(text: string, ids: readonly string[], target: PrefixTarget): string {
  const wanted = text.trim().toLowerCase();
  const exact = ids.find((id) => id.toLowerCase() === wanted);
  if (exact) return exact;
  if (wanted.length < MIN_PREFIX) {
    throw new CliError(`"${text}" is too short to name a ${target.what}: give its id or at least its first ${MIN_PREFIX} characters (list them with: ${target.listCommand}).`, EXIT.usage);
  }
  const matches = ids.filter((id) => id.toLowerCase().startsWith(wanted));
  if (matches.length === 1) return matches[0] as string;
  if (matches.length === 0) throw new CliError(`No ${target.what} ${text} in the journal. List them with: ${target.listCommand}`, EXIT.notFound);
  throw new CliError(`"${text}" matches ${matches.length} ${target.what}s: ${matches.join(', ')}. Give more characters.`, EXIT.usage);
}
