import type { KnownTagColor } from '../../shared/evo/schemas';

/* Evo Voice's TagColors are Ant Design's preset names; these are Ant Design's
 * "6" shades so a chip looks the same here as in the Evo portal. */
export const TAG_COLOR_HEX: Record<KnownTagColor, string> = {
  Magenta: '#eb2f96',
  Red: '#f5222d',
  Volcano: '#fa541c',
  Orange: '#fa8c16',
  Gold: '#faad14',
  Lime: '#a0d911',
  Green: '#52c41a',
  Cyan: '#13c2c2',
  Blue: '#1677ff',
  GeekBlue: '#2f54eb',
  Purple: '#722ed1',
};

/** Grey for a tag whose colour is missing or unknown (the API may add colours). */
export const UNKNOWN_TAG_COLOR = '#8c8c8c';

export function tagColorHex(color: string | undefined): string {
  return (color && (TAG_COLOR_HEX as Record<string, string>)[color]) || UNKNOWN_TAG_COLOR;
}
