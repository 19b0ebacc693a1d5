/* Reading an answer item by item: when a list item does not fit its schema, that item is set
 * aside (removed, and named) and the rest of the answer is read as usual. Only a problem outside
 * every list (e.g. a single customer without an id) makes the whole answer unreadable.
 *
 * The smallest unit is set aside: a bad tag leaves its customer in the list, minus that tag; a
 * customer whose own id is bad is left out of its page. A list in ALL_OR_NOTHING_LISTS is never
 * split: the item holding it is set aside instead. Whoever lost items says so in a
 * `$setAside` member (a name no C# property can have), so a screen can mark what it shows as
 * incomplete (e.g. a schedule that lost a rule). */
import type { z } from 'zod';
import { ALL_OR_NOTHING_LISTS } from './schemas';

/** Added to an object whose list lost items: what was left out and why. */
export const SET_ASIDE_MEMBER = '$setAside';

export interface SetAsideNote {
  /** Path of the problem from the object holding the note, e.g. "rules[2].startTime". */
  field: string;
  problem: string;
}

export interface SetAside {
  /** Path of the item left out, from the answer's root (original indices), e.g. ['items', 5, 'tags', 2]. */
  at: (string | number)[];
  /** Path of the problem, from the answer's root. */
  field: (string | number)[];
  problem: string;
}

export type TolerantResult<T> = { success: true; data: T; setAside: SetAside[] } | { success: false; issues: readonly z.core.$ZodIssue[] };

/** Zod path → "items[3].isStaging". */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? '(body)' : out;
}

const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'list' : typeof v === 'object' ? 'object' : typeof v);

/** A problem in words, never quoting the value itself (it may be long or sensitive). */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const got = 'input' in issue && issue.input !== undefined ? ` (got ${typeName(issue.input)})` : issue.code === 'invalid_type' ? ' (missing)' : '';
  if (issue.code === 'invalid_type') return `expected ${issue.expected === 'array' ? 'a list' : issue.expected}${got}`;
  if (issue.code === 'invalid_union') return `unexpected kind of value${got}`;
  return issue.message;
}

/** Set-aside notes an object carries (see SET_ASIDE_MEMBER). */
export function setAsideNotes(holder: unknown): SetAsideNote[] {
  if (typeof holder !== 'object' || holder === null) return [];
  const notes = (holder as Record<string, unknown>)[SET_ASIDE_MEMBER];
  if (!Array.isArray(notes)) return [];
  return notes.filter(
    (n): n is SetAsideNote => typeof n === 'object' && n !== null && typeof (n as SetAsideNote).field === 'string' && typeof (n as SetAsideNote).problem === 'string',
  );
}

/** Where a list is shown: "One tag could not be read and is not listed: tags[3] (expected object
 * (got string))." when items of `holder`'s member `list` were set aside; undefined when none were. */
export function setAsideSentence(holder: unknown, list: string, noun: string): string | undefined {
  const notes = setAsideNotes(holder)
    .filter((n) => n.field === list || n.field.startsWith(`${list}[`))
    .sort((a, b) => a.field.localeCompare(b.field, 'en', { numeric: true })); // notes are added last item first
  if (notes.length === 0) return undefined;
  const which = notes.map((n) => `${n.field} (${n.problem})`).join('; ');
  return `${notes.length === 1 ? `One ${noun}` : `${notes.length} ${noun}s`} could not be read and ${notes.length === 1 ? 'is' : 'are'} not listed: ${which}.`;
}

/** Enough for every nested level of the Evo DTOs (a transform may only reveal a problem once
 * its input is otherwise valid). */
const MAX_ROUNDS = 4;

interface Prune {
  array: unknown[];
  index: number;
  holder: Record<string, unknown> | undefined;
  holderKey: string | undefined;
  at: (string | number)[];
  field: (string | number)[];
  problem: string;
}

/**
 * Parses `raw` (freshly parsed JSON, changed in place) with `schema`, setting aside list items
 * that do not fit. Fails only when a problem lies outside every splittable list.
 */
export function parseTolerant<S extends z.ZodType>(schema: S, raw: unknown): TolerantResult<z.output<S>> {
  const setAside: SetAside[] = [];
  // Original positions of the items still in each array we removed something from.
  const positions = new Map<unknown[], number[]>();
  const original = (array: unknown[], index: number) => positions.get(array)?.[index] ?? index;

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const parsed = schema.safeParse(raw, { reportInput: true });
    if (parsed.success) return { success: true, data: parsed.data, setAside };
    const prunes = new Map<unknown[], Map<number, Prune>>();
    for (const issue of parsed.error.issues) {
      const prune = locate(raw, issue, original);
      if (!prune) return { success: false, issues: parsed.error.issues };
      const byIndex = prunes.get(prune.array) ?? new Map<number, Prune>();
      if (!byIndex.has(prune.index)) byIndex.set(prune.index, prune);
      prunes.set(prune.array, byIndex);
    }
    for (const [array, byIndex] of prunes) {
      const kept = positions.get(array) ?? array.map((_, i) => i);
      for (const index of [...byIndex.keys()].sort((a, b) => b - a)) {
        const prune = byIndex.get(index) as Prune;
        array.splice(index, 1);
        kept.splice(index, 1);
        setAside.push({ at: prune.at, field: prune.field, problem: prune.problem });
        if (prune.holder && prune.holderKey !== undefined) {
          const notes = setAsideNotes(prune.holder);
          const relative = prune.field.slice(prune.at.length - 2);
          notes.push({ field: formatPath(relative), problem: prune.problem });
          prune.holder[SET_ASIDE_MEMBER] = notes;
        }
      }
      positions.set(array, kept);
    }
  }
  const last = schema.safeParse(raw, { reportInput: true });
  return last.success ? { success: true, data: last.data, setAside } : { success: false, issues: last.error.issues };
}

/** The deepest splittable list item on the issue's path, or undefined when there is none. */
function locate(raw: unknown, issue: z.core.$ZodIssue, original: (array: unknown[], index: number) => number): Prune | undefined {
  const path = issue.path.filter((k): k is string | number => typeof k === 'string' || typeof k === 'number');
  const nodes: unknown[] = [raw];
  for (const key of path) {
    const parent = nodes[nodes.length - 1];
    nodes.push(typeof parent === 'object' && parent !== null ? (parent as Record<string | number, unknown>)[key] : undefined);
  }
  // Paths with original indices, for the report.
  const reported: (string | number)[] = path.map((key, i) => (Array.isArray(nodes[i]) && typeof key === 'number' ? original(nodes[i] as unknown[], key) : key));
  for (let k = path.length - 1; k >= 0; k--) {
    const container = nodes[k];
    const key = path[k];
    if (!Array.isArray(container) || typeof key !== 'number' || key >= container.length) continue;
    const holderKey = k > 0 ? path[k - 1] : undefined;
    if (typeof holderKey === 'string' && ALL_OR_NOTHING_LISTS.has(holderKey)) continue;
    const holder = k > 0 && isPlainObject(nodes[k - 1]) ? (nodes[k - 1] as Record<string, unknown>) : undefined;
    return {
      array: container,
      index: key,
      holder,
      holderKey: typeof holderKey === 'string' ? holderKey : undefined,
      at: reported.slice(0, k + 1),
      field: reported,
      problem: describeIssue(issue),
    };
  }
  return undefined;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One set-aside item as the console reports it (notices, CLI warnings, plans). */
export interface SetAsideItem {
  /** The customer it belongs to, when known. */
  customerId: string | null;
  /** What was left out, from that customer (or the answer): "" = the whole customer; e.g. "tags[2]". */
  part: string;
  /** Where the problem is, from the same place: e.g. "isStaging" or "tags[2].id". */
  field: string;
  problem: string;
  /** What the console was doing, in plain words ("listing customers"). */
  during: string;
}

/** Where the set-aside items of an answer belong: customers in `items`, the answer itself is one
 * customer, or neither. Paths are made relative to that customer. */
export function setAsideItems(
  setAside: readonly SetAside[],
  raw: { itemIds?: readonly (string | null)[]; customerId?: string },
  during: string,
): SetAsideItem[] {
  return setAside.map((s) => {
    if (raw.itemIds && s.at[0] === 'items' && typeof s.at[1] === 'number') {
      const rel = (path: (string | number)[]) => (path.length > 2 ? formatPath(path.slice(2)) : '');
      return { customerId: raw.itemIds[s.at[1]] ?? null, part: rel(s.at), field: rel(s.field) || '(the whole record)', problem: s.problem, during };
    }
    return { customerId: raw.customerId ?? null, part: formatPath(s.at), field: formatPath(s.field), problem: s.problem, during };
  });
}

/** The ids of a list answer's items before reading (null where an item has no usable id). */
export function rawItemIds(raw: unknown): (string | null)[] | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const items = (raw as Record<string, unknown>)['items'];
  if (!Array.isArray(items)) return undefined;
  return items.map((item) => {
    const id = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)['id'] : undefined;
    return typeof id === 'string' && id !== '' ? id : null;
  });
}
