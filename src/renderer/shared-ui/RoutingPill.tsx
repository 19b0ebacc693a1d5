import type { CSSProperties } from 'react';
import { ROUTING_WORDS, routingOf } from '../../shared/routing-words';

const base: CSSProperties = {
  display: 'inline-block',
  padding: '0 6px',
  borderRadius: 4,
  fontSize: 12,
  lineHeight: '18px',
  whiteSpace: 'nowrap',
};
/* Orange means staging, everywhere, and nothing else does: it must stand out in a long list.
 * Normal routing is the quiet default; unknown is outlined. Colours come from CSS variables so
 * light and dark mode both read (see app/theme.ts). */
const STYLES = {
  staging: { ...base, fontWeight: 700, background: 'var(--evo-staging-bg)', color: 'var(--evo-staging-fg)' },
  normal: { ...base, color: 'var(--chakra-colors-fg-muted)' },
  unknown: { ...base, border: '1px dashed var(--chakra-colors-border-emphasized)', color: 'var(--chakra-colors-fg-muted)' },
} satisfies Record<string, CSSProperties>;

/** A customer's call routing in the console's words (shared/routing-words.ts). Plain element:
 * it renders in every table row (see TagChip). */
export function RoutingPill({ isStaging }: { isStaging: boolean | undefined | null }) {
  const routing = routingOf(isStaging);
  return (
    <span data-testid="routing-pill" data-routing={routing} style={STYLES[routing]} title={`Call routing: ${ROUTING_WORDS[routing].description}`}>
      {ROUTING_WORDS[routing].label}
    </span>
  );
}
