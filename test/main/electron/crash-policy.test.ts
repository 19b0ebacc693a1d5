import { describe, expect, it } from 'vitest';
import { createCrashPolicy } from '../../../src/main/electron/crash-policy';

describe('crash policy', () => {
  it('reloads up to the limit within the window, then shows the error page; a clean exit is ignored', () => {
    const t = 0;
    const onCrash = createCrashPolicy({ maxReloads: 3, windowMs: 60_000, now: () => t });
    expect(onCrash('clean-exit')).toBe('ignore');
    expect([onCrash('crashed'), onCrash('oom'), onCrash('killed')]).toEqual(['reload', 'reload', 'reload']);
    expect(onCrash('crashed')).toBe('errorPage');
  });

  it('forgets crashes older than the window: an occasional crash is always reloaded', () => {
    let t = 0;
    const onCrash = createCrashPolicy({ maxReloads: 1, windowMs: 60_000, now: () => t });
    expect(onCrash('crashed')).toBe('reload');
    t += 61_000;
    expect(onCrash('crashed')).toBe('reload');
    t += 1_000;
    expect(onCrash('crashed')).toBe('errorPage');
  });
});
