/* A stable colour per state name for the week picture and legends. Well-known names get fixed,
 * meaningful colours; other names are hashed onto a palette, so a custom state keeps its colour
 * across screens and sessions. Every colour has >= 4.5:1 contrast with white text (WCAG AA), so
 * labels can sit on top of any cell. */

/** Fixed colours for Evo's stock and common state names (compared case-insensitively). */
const WELL_KNOWN: Record<string, string> = {
  open: '#2e7d32', // green
  'business hours': '#2e7d32',
  closed: '#455a64', // grey-blue
  'after hours': '#455a64',
  holiday: '#b34700', // orange
};

/** Hash palette: hues far from each other and from the fixed colours above. */
export const STATE_PALETTE = [
  '#1565c0', // blue
  '#6a1b9a', // purple
  '#00695c', // teal
  '#ad1457', // pink
  '#5d4037', // brown
  '#283593', // indigo
  '#8c6d00', // dark gold
  '#c62828', // red
  '#0277bd', // light blue (dark shade)
  '#4e6b00', // olive
] as const;

export function stateColor(stateName: string): string {
  const key = stateName.trim().toLowerCase().replace(/\s+/g, ' ');
  return WELL_KNOWN[key] ?? (STATE_PALETTE[fnv1a(key) % STATE_PALETTE.length] as string);
}

/** Text colour to draw on a state colour (all our colours are dark enough for white). */
export function stateTextColor(_stateName: string): string {
  return '#ffffff';
}

/** FNV-1a 32-bit: tiny, stable across platforms, good enough spread for a handful of names. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
