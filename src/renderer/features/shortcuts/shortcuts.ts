/* Every keyboard shortcut of the console, in one list: the cheat sheet (?) shows it, and the
 * README's table is written from it. */

export interface Shortcut {
  /** Keys, each shown as a key cap; alternatives. */
  keys: string[];
  /** The mouse way, or where the keys apply. */
  also?: string;
  does: string;
}

export const SHORTCUTS: { where: string; items: Shortcut[] }[] = [
  {
    where: 'Anywhere in the console',
    items: [
      { keys: ['Ctrl+K', '⌘K'], does: 'Find any customer by name, reference id or id' },
      { keys: ['?'], does: 'This list of keys' },
      { keys: ['Tab', 'Shift+Tab'], does: 'Move between the controls of the screen' },
    ],
  },
  {
    where: 'Customer table',
    items: [
      { keys: ['↑', '↓', 'PageUp', 'PageDown', 'Home', 'End'], does: 'Move' },
      { keys: ['Enter'], also: 'or double-click', does: 'Open the customer: its children and details' },
      { keys: ['Backspace', 'Alt+↑'], does: 'Up one level' },
      { keys: ['Space'], also: 'or the check box, or Ctrl/⌘+click', does: 'Select / unselect' },
      { keys: ['Shift+↑', 'Shift+↓', 'Shift+Home', 'Shift+End'], also: 'or Shift+click', does: 'Select a range from the last row you selected' },
      { keys: ['Ctrl+A', '⌘A'], does: 'Select every customer matching the filter' },
      { keys: ['Escape'], does: 'Clear the selection' },
      { keys: ['Enter'], also: 'on a column title, or click it', does: 'Sort by it (again: reverse)' },
      { keys: ['←', '→'], also: 'on a column edge, or drag it', does: 'Make the column narrower / wider (remembered)' },
    ],
  },
  {
    where: 'Find a customer (Ctrl+K)',
    items: [
      { keys: ['Enter'], also: 'or click it', does: 'Go to the chosen customer' },
      { keys: ['Shift+Enter'], does: 'Move it to staging, or back to normal routing (you confirm first)' },
      { keys: ['Alt+Enter'], does: 'Plan the same move for it and its whole subtree' },
    ],
  },
  {
    where: 'Between the table and the details',
    items: [{ keys: ['←', '→'], also: 'on the divider, or drag it', does: 'Give the table or the details more room (remembered)' }],
  },
];

/** True when "?" was typed outside a text field (there it is just a character). */
export function isShortcutsKey(e: { key: string; target: EventTarget | null; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean }): boolean {
  if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey) return false;
  const el = e.target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return true;
  return !el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
}
