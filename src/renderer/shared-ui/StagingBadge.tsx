import type { CSSProperties } from 'react';

const base: CSSProperties = {
  display: 'inline-block',
  padding: '0 6px',
  borderRadius: 4,
  fontSize: 11,
  fontWeight: 600,
  lineHeight: '18px',
  textTransform: 'uppercase',
  letterSpacing: 0.3,
  whiteSpace: 'nowrap',
};
const STYLES = {
  staging: { ...base, background: '#fa8c16', color: '#1a1a1a' },
  production: { ...base, background: '#d9f7be', color: '#135200' },
  unknown: { ...base, border: '1px solid #8c8c8c', color: '#595959' },
} satisfies Record<string, CSSProperties>;

/** Routing of a customer's calls: staging (orange, stands out), production (green) or unknown.
 * Plain element: it renders in every list row (see TagChip). */
export function StagingBadge({ isStaging }: { isStaging: boolean | undefined | null }) {
  const state = isStaging === undefined || isStaging === null ? 'unknown' : isStaging ? 'staging' : 'production';
  return (
    <span data-testid="staging-badge" data-state={state} style={STYLES[state]}>
      {state}
    </span>
  );
}
