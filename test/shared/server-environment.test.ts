import { describe, expect, it } from 'vitest';
import { isProductionOrigin, isProductionServer, serverEnvironment } from '../../src/shared/server-environment';
import { ROUTING_WORDS, routingOf, routingOfTarget } from '../../src/shared/routing-words';

describe('serverEnvironment', () => {
  it('is production for the production origin whatever the profile kind says', () => {
    expect(serverEnvironment({ url: 'https://evovoice.io', kind: 'custom' })).toBe('production');
    expect(serverEnvironment({ url: 'https://www.evovoice.io/api', kind: 'custom' })).toBe('production');
    expect(serverEnvironment({ url: 'https://EVOVOICE.IO.', kind: 'custom' })).toBe('production');
    expect(isProductionServer({ url: 'https://evovoice.io', kind: 'production' })).toBe(true);
  });

  it('is not production for other origins, other ports or plain http', () => {
    expect(isProductionOrigin('https://staging.evovoice.io')).toBe(false);
    expect(isProductionOrigin('https://evovoice.io:8443')).toBe(false);
    expect(isProductionOrigin('http://evovoice.io')).toBe(false);
    expect(isProductionOrigin('https://evovoice.io.example.com')).toBe(false);
    expect(isProductionOrigin('not a url')).toBe(false);
    expect(serverEnvironment({ url: 'http://127.0.0.1:4000', kind: 'sandbox' })).toBe('sandbox');
    expect(serverEnvironment({ url: 'https://evo.example.com', kind: 'custom' })).toBe('other');
    expect(serverEnvironment(null)).toBe('other');
  });
});

describe('routing words', () => {
  it('never call routing "production" (that word names the server)', () => {
    expect(routingOf(true)).toBe('staging');
    expect(routingOf(false)).toBe('normal');
    expect(routingOf(undefined)).toBe('unknown');
    expect(routingOfTarget('production')).toBe('normal');
    for (const words of Object.values(ROUTING_WORDS)) expect(JSON.stringify(words).toLowerCase()).not.toContain('production');
  });
});
