export { TagChip } from './TagChip';
export { RoutingPill } from './RoutingPill';
export { AsOfLabel } from './AsOfLabel';
export { ErrorCallout } from './ErrorCallout';
export { TAG_COLOR_HEX, tagColorHex } from './tag-colors';
export * from '../../shared/format';
