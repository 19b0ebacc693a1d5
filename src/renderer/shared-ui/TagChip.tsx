import type { CSSProperties } from 'react';
import type { Tag } from '../../shared/evo/schemas';
import { isKnownTagColor, tagColorHex } from './tag-colors';

/* Plain elements with inline styles: chips render in every row of the virtualised list,
 * where per-row CSS-in-JS work would cost frames while scrolling. */
const chipBase: CSSProperties = {
  display: 'inline-flex',
  alignItems: 'center',
  gap: 4,
  padding: '0 6px',
  marginRight: 4,
  borderRadius: 4,
  borderWidth: 1,
  borderStyle: 'solid',
  fontSize: 12,
  lineHeight: '18px',
  whiteSpace: 'nowrap',
};
// The name is in the page's text colour (readable in light and dark mode); the colour is the
// border and the dot — several Ant Design shades are unreadable as text on white or black.
const dotBase: CSSProperties = { width: 8, height: 8, borderRadius: '50%', display: 'inline-block' };

/** A customer tag in its TagColors colour. A colour this console does not know (the API may add
 * some) gives a neutral chip that names the server's colour. Names are React text, so hostile
 * names stay inert. */
export function TagChip({ tag }: { tag: Tag }) {
  const color = tagColorHex(tag.color);
  const unknownColor = tag.color !== undefined && !isKnownTagColor(tag.color);
  return (
    <span
      data-testid="tag-chip"
      data-color={tag.color ?? 'unknown'}
      data-neutral={unknownColor ? 'true' : undefined}
      style={{ ...chipBase, borderColor: color }}
      title={tag.color ? `Tag colour: ${tag.color}${unknownColor ? ' (a colour this console does not know)' : ''}` : undefined}
    >
      <span aria-hidden style={{ ...dotBase, background: color }} />
      {tag.name ?? tag.id ?? '(unnamed tag)'}
      {unknownColor ? <span style={{ opacity: 0.8 }}>· {tag.color}</span> : null}
    </span>
  );
}
