/* Helpers for the API tests over real HTTP: hand-written answers for the sandbox (its
 * `answerOverrides` fault: what a real ServiceStack deployment may send that the sandbox's own
 * routes never do; paths are regular expressions on the URL, query string included), and
 * waiting for a failure or a condition (never a fixed sleep). */
import { expect } from 'vitest';
import type { AnswerOverride } from '../../../sandbox/types';
import type { LimiterClock } from '../../../src/main/api/limiter';
import { AppError } from '../../../src/shared/errors';

/** The AppError a call failed with (the test fails if it succeeded or threw anything else). */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the call to fail');
}

/** Resolves once `condition` holds (checked every 5 ms). */
export async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Regex source for exactly this path (no query string, or any). */
export const exactPath = (path: string) => `^${escape(path)}(\\?.*)?$`;

/** A JSON answer for requests whose URL matches `path` (a regex source). */
export function jsonAnswer(path: string, body: unknown, extra: Partial<AnswerOverride> = {}): AnswerOverride {
  return { path, headers: JSON_TYPE, body: typeof body === 'string' ? body : JSON.stringify(body), ...extra };
}

/**
 * `items` served as a ServiceStack ListResponse, page by page, for GET /customers requests
 * whose query holds `queryPart` (e.g. "parentCustomerIds=ID") and asks for `pageSize` items a page.
 */
export function pagedCustomers(queryPart: string, items: unknown[], pageSize: number): AnswerOverride[] {
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  return Array.from({ length: pages }, (_, page) =>
    jsonAnswer(`^/customers\\?(?=.*${escape(queryPart)})(?=.*[?&]page=${page}(&|$))(?=.*[?&]countPerPage=${pageSize}(&|$))`, {
      items: items.slice(page * pageSize, (page + 1) * pageSize),
      totalCount: items.length,
      totalPages: pages,
      hasMorePages: page < pages - 1,
    }, { method: 'GET' }),
  );
}

/** A `data` Struct nested `levels` deep, as the API writes it (every Value carries `listValue: []`). */
export function deepData(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { stringValue: 'bottom', listValue: [] };
  for (let i = 0; i < levels; i++) value = { structValue: { level: value }, listValue: [] };
  return { nested: value };
}

/** How deep a Struct goes (iteratively, so any depth can be measured). */
export function structDepth(struct: unknown): number {
  let depth = 0;
  let value = (struct as Record<string, unknown> | undefined)?.['nested'] as Record<string, unknown> | undefined;
  while (value && typeof value === 'object' && 'structValue' in value) {
    depth++;
    value = (value['structValue'] as Record<string, unknown>)['level'] as Record<string, unknown>;
  }
  return depth;
}

/** A clock the test moves by hand; timers fire only inside advance(). */
export function manualClock(): LimiterClock & { advance: (ms: number) => Promise<void> } {
  let now = 0;
  let nextId = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimer: (fn, ms) => {
      const id = ++nextId;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (handle) => void timers.delete(handle as number),
    advance: async (ms) => {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
        await flush();
      }
      now = end;
      await flush();
    },
  };
}

export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
