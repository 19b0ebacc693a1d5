/* The customer table's keyboard model, pure so it is tested without a DOM.
 * ↑/↓ move, PageUp/PageDown jump a page, Home/End; with Shift they extend the selection from
 * the anchor (like a mail client). Enter opens, Space toggles the selection, Ctrl/Cmd+A selects
 * every row matching the filter, Escape clears the selection, Backspace or Alt+↑ goes up a
 * level, Ctrl/Cmd+K opens the quick jump. */

export type ListKeyAction =
  | { type: 'move'; index: number }
  | { type: 'extend'; index: number }
  | { type: 'open'; index: number }
  | { type: 'toggle'; index: number }
  | { type: 'selectAll' }
  | { type: 'clearSelection' }
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
  const command = e.ctrlKey === true || e.metaKey === true;
  if (command && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'a') return count > 0 ? { type: 'selectAll' } : null;
  if (e.altKey || command) return null;
  if (e.key === 'Escape') return { type: 'clearSelection' };
  if (count === 0) return null;
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  const to = (index: number): ListKeyAction => ({ type: e.shiftKey ? 'extend' : 'move', index });
  switch (e.key) {
    case 'ArrowDown':
      return to(active < 0 ? 0 : clamp(active + 1));
    case 'ArrowUp':
      return to(active < 0 ? 0 : clamp(active - 1));
    case 'PageDown':
      return to(clamp(Math.max(active, 0) + page));
    case 'PageUp':
      return to(clamp(Math.max(active, 0) - page));
    case 'Home':
      return to(0);
    case 'End':
      return to(count - 1);
    case 'Enter':
      return active >= 0 ? { type: 'open', index: active } : null;
    case ' ':
    case 'Spacebar':
      return active >= 0 ? { type: 'toggle', index: active } : null;
    default:
      return null;
  }
}
