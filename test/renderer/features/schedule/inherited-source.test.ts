import { describe, expect, it } from 'vitest';
import { inheritedSource } from '../../../../src/renderer/features/schedule/inherited-source';
import type { Schedule } from '../../../../src/shared/evo/schemas';

const own = (zone: string): Schedule => ({ timeZoneId: zone, defaultState: 'Open', rules: [] });

describe('which ancestor an inherited schedule comes from', () => {
  it('is the nearest ancestor with a schedule of its own that the server answered', () => {
    const answer = { rules: [], defaultState: 'Open', timeZoneId: 'Europe/Paris' } as Schedule; // other key order
    const from = inheritedSource(
      [
        { id: 'root', name: 'Root', schedule: own('UTC') },
        { id: 'mid', name: 'Mid', schedule: own('Europe/Paris') },
        { id: 'parent', name: 'Parent', schedule: { inherit: true } },
      ],
      answer,
    );
    expect(from).toEqual({ kind: 'ancestor', id: 'mid', name: 'Mid' });
  });

  it('does not guess: still reading, a failed read, or a different answer leave it unnamed', () => {
    expect(inheritedSource([{ id: 'p', name: 'P' }], own('UTC'))).toEqual({ kind: 'unknown' });
    expect(inheritedSource([{ id: 'p', name: 'P', failed: true }], own('UTC'))).toEqual({ kind: 'unknown', reason: 'P could not be read' });
    expect(inheritedSource([{ id: 'p', name: 'P', schedule: own('UTC') }], own('Asia/Tokyo'))).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('P, has a different one') });
  });

  it('says when no ancestor has a schedule of its own', () => {
    expect(inheritedSource([{ id: 'p', name: 'P', schedule: null }, { id: 'q', name: 'Q', schedule: { inherit: true } }], own('UTC'))).toEqual({ kind: 'none' });
  });
});
