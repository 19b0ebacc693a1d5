/* Which Evo Voice server a profile talks to, decided by its ORIGIN: a profile someone added by
 * hand for https://evovoice.io is production all the same (red banner, typed counts). One rule
 * for the console, main and the CLI. */
import { EVO_ASSUMPTIONS } from './evo/assumptions';
import type { ServerProfile } from './session';

export type ServerEnvironment = 'production' | 'sandbox' | 'other';

/** The banner's words (the only place the environment is shown). */
export const ENVIRONMENT_WORDS: Record<ServerEnvironment, string> = {
  production: 'PRODUCTION',
  sandbox: 'SANDBOX',
  other: 'OTHER SERVER',
};

const PRODUCTION_HOST = new URL(EVO_ASSUMPTIONS.productionUrl).hostname;

/** True for the production origin (https, evovoice.io or www.evovoice.io, default port), whatever the path. */
export function isProductionOrigin(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  return parsed.protocol === 'https:' && parsed.port === '' && (host === PRODUCTION_HOST || host === `www.${PRODUCTION_HOST}`);
}

export function serverEnvironment(profile: Pick<ServerProfile, 'url' | 'kind'> | null | undefined): ServerEnvironment {
  if (!profile) return 'other';
  if (profile.kind === 'production' || isProductionOrigin(profile.url)) return 'production';
  return profile.kind === 'sandbox' ? 'sandbox' : 'other';
}

export function isProductionServer(profile: Pick<ServerProfile, 'url' | 'kind'> | null | undefined): boolean {
  return serverEnvironment(profile) === 'production';
}
