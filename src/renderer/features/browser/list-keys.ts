/* The browser list's keyboard model, pure so it is tested without a DOM.
 * ↑/↓ move, PageUp/PageDown jump a page, Home/End, Enter opens, Space toggles the
 * selection, Backspace or Alt+↑ goes up a level, Ctrl/Cmd+K opens the quick jump. */

export type ListKeyAction =
  | { type: 'move'; index: number }
  | { type: 'open'; index: number }
  | { type: 'toggle'; index: number }
  | { type: 'up' }
  | { type: 'quickJump' };

export interface KeyLike {
  key: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
}

export function isQuickJumpKey(e: KeyLike): boolean {
  return (e.ctrlKey === true || e.metaKey === true) && !e.altKey && e.key.toLowerCase() === 'k';
}

/** @param active the active row, -1 when none yet; @param count rows known; @param page rows per screen */
export function listKeyAction(e: KeyLike, active: number, count: number, page = 10): ListKeyAction | null {
  if (isQuickJumpKey(e)) return { type: 'quickJump' };
  if ((e.key === 'ArrowUp' && e.altKey) || (e.key === 'Backspace' && !e.altKey && !e.ctrlKey && !e.metaKey)) return { type: 'up' };
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  if (count === 0) return null;
  switch (e.key) {
    case 'ArrowDown':
      return { type: 'move', index: active < 0 ? 0 : clamp(active + 1) };
    case 'ArrowUp':
      return { type: 'move', index: active < 0 ? 0 : clamp(active - 1) };
    case 'PageDown':
      return { type: 'move', index: clamp(Math.max(active, 0) + page) };
    case 'PageUp':
      return { type: 'move', index: clamp(Math.max(active, 0) - page) };
    case 'Home':
      return { type: 'move', index: 0 };
    case 'End':
      return { type: 'move', index: count - 1 };
    case 'Enter':
      return active >= 0 ? { type: 'open', index: active } : null;
    case ' ':
    case 'Spacebar':
      return active >= 0 ? { type: 'toggle', index: active } : null;
    default:
      return null;
  }
}
