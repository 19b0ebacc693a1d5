import { Box, Button, HStack, Input } from '@chakra-ui/react';
import { memo } from 'react';
import type { Tag } from '../../../shared/evo/schemas';
import { tagColorHex } from '../../shared-ui';

export interface FilterBarProps {
  search: string;
  onSearchChange: (text: string) => void;
  tags: Tag[];
  tagIds: string[];
  onTagIdsChange: (ids: string[]) => void;
  /** "server" or "offline copy": says where the filter runs. */
  sourceLabel: string;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
/** One order whatever the source: the server lists the catalogue in its order, the offline
 * copy by name, and the chips must not move when the connection drops. */
function byName(tags: Tag[]): Tag[] {
  return [...tags].sort((a, b) => collator.compare(a.name ?? '', b.name ?? '') || ((a.id ?? '') < (b.id ?? '') ? -1 : 1));
}

/** Name search and tag filter for the children list (a customer must carry all chosen tags).
 * Memoised: the browser re-renders as pages of children arrive; the filter need not. */
export const FilterBar = memo(function FilterBar({ search, onSearchChange, tags, tagIds, onTagIdsChange, sourceLabel }: FilterBarProps) {
  const toggle = (id: string) => onTagIdsChange(tagIds.includes(id) ? tagIds.filter((t) => t !== id) : [...tagIds, id]);
  return (
    <Box data-testid="filter-bar">
      <HStack gap="2" mb="2">
        <Input
          size="sm"
          type="search"
          placeholder={`Filter by name (${sourceLabel})`}
          aria-label="Filter children by name"
          value={search}
          onChange={(e) => onSearchChange(e.target.value)}
          maxW="360px"
        />
        {tagIds.length > 0 ? (
          <Button size="xs" variant="ghost" onClick={() => onTagIdsChange([])}>
            Clear tags
          </Button>
        ) : null}
      </HStack>
      {tags.length > 0 ? (
        <HStack gap="1" wrap="wrap" role="group" aria-label="Filter by tag">
          {byName(tags).map((tag) => {
            const on = tagIds.includes(tag.id as string);
            const color = tagColorHex(tag.color);
            return (
              <button
                key={tag.id}
                type="button"
                aria-pressed={on}
                onClick={() => toggle(tag.id as string)}
                style={{
                  border: `1px solid ${color}`,
                  // Text in the page's colour (readable in both modes); chosen tags are tinted and ticked.
                  background: on ? `color-mix(in srgb, ${color} 30%, transparent)` : 'transparent',
                  color: 'inherit',
                  fontWeight: on ? 600 : 400,
                  borderRadius: 4,
                  padding: '0 8px',
                  fontSize: 12,
                  lineHeight: '20px',
                  cursor: 'pointer',
                }}
              >
                {on ? <span aria-hidden>✓ </span> : null}
                {tag.name ?? tag.id}
              </button>
            );
          })}
        </HStack>
      ) : null}
    </Box>
  );
});
