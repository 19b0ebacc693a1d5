/* Server profiles: which Evo Voice server the console talks to. Non-secret; stored in
 * the settings file. Ids are stable so per-profile data (caches, last account) survives
 * renames. */
import { EVO_ASSUMPTIONS } from '../../shared/evo/assumptions';

import type { ServerProfile } from '../../shared/session';

// Declared in src/shared/session.ts because profiles cross IPC.
export type { ProfileKind, ServerProfile } from '../../shared/session';

export const PRODUCTION_PROFILE_ID = 'production';
export const SANDBOX_PROFILE_ID = 'sandbox';

export const PRODUCTION_PROFILE: ServerProfile = Object.freeze({
  id: PRODUCTION_PROFILE_ID,
  label: 'Evo Voice production',
  url: EVO_ASSUMPTIONS.productionUrl,
  kind: 'production',
});

export function sandboxProfile(url: string | undefined): ServerProfile {
  return { id: SANDBOX_PROFILE_ID, label: 'Local sandbox', url: url ?? '', kind: 'sandbox' };
}

/** The origin a session belongs to (keychain account `email@origin`, same-server checks). */
export function profileOrigin(profile: Pick<ServerProfile, 'url'>): string {
  return new URL(profile.url).origin;
}
