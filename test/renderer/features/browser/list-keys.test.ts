import { describe, expect, it } from 'vitest';
import { listKeyAction } from '../../../../src/renderer/features/browser/list-keys';

describe('list keyboard model', () => {
  it('moves within bounds and starts at the first row', () => {
    expect(listKeyAction({ key: 'ArrowDown' }, -1, 5)).toEqual({ type: 'move', index: 0 });
    expect(listKeyAction({ key: 'ArrowDown' }, 4, 5)).toEqual({ type: 'move', index: 4 });
    expect(listKeyAction({ key: 'ArrowUp' }, 0, 5)).toEqual({ type: 'move', index: 0 });
    expect(listKeyAction({ key: 'End' }, 0, 5)).toEqual({ type: 'move', index: 4 });
    expect(listKeyAction({ key: 'PageDown' }, 0, 100, 10)).toEqual({ type: 'move', index: 10 });
  });
  it('opens, toggles, goes up and quick-jumps', () => {
    expect(listKeyAction({ key: 'Enter' }, 2, 5)).toEqual({ type: 'open', index: 2 });
    expect(listKeyAction({ key: ' ' }, 2, 5)).toEqual({ type: 'toggle', index: 2 });
    expect(listKeyAction({ key: 'Backspace' }, 2, 5)).toEqual({ type: 'up' });
    expect(listKeyAction({ key: 'ArrowUp', altKey: true }, 2, 5)).toEqual({ type: 'up' });
    expect(listKeyAction({ key: 'k', ctrlKey: true }, 2, 5)).toEqual({ type: 'quickJump' });
    expect(listKeyAction({ key: 'K', metaKey: true }, 2, 5)).toEqual({ type: 'quickJump' });
    expect(listKeyAction({ key: 'Backspace' }, -1, 0)).toEqual({ type: 'up' });
    expect(listKeyAction({ key: 'Enter' }, -1, 5)).toBeNull();
    expect(listKeyAction({ key: 'x' }, 0, 5)).toBeNull();
  });
});

describe('selection keys (like a mail client)', () => {
  it('extends with Shift and the movement keys', () => {
    expect(listKeyAction({ key: 'ArrowDown', shiftKey: true }, 2, 5)).toEqual({ type: 'extend', index: 3 });
    expect(listKeyAction({ key: 'ArrowUp', shiftKey: true }, 2, 5)).toEqual({ type: 'extend', index: 1 });
    expect(listKeyAction({ key: 'End', shiftKey: true }, 2, 5)).toEqual({ type: 'extend', index: 4 });
    expect(listKeyAction({ key: 'PageUp', shiftKey: true }, 30, 100, 10)).toEqual({ type: 'extend', index: 20 });
  });
  it('selects all with Ctrl/Cmd+A and clears with Escape', () => {
    expect(listKeyAction({ key: 'a', ctrlKey: true }, 0, 5)).toEqual({ type: 'selectAll' });
    expect(listKeyAction({ key: 'A', metaKey: true }, -1, 5)).toEqual({ type: 'selectAll' });
    expect(listKeyAction({ key: 'a', ctrlKey: true }, -1, 0)).toBeNull();
    expect(listKeyAction({ key: 'Escape' }, 2, 5)).toEqual({ type: 'clearSelection' });
  });
});
