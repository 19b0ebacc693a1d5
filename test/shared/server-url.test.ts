import { describe, expect, it } from 'vitest';
import { checkServerUrl, INSECURE_URL_MESSAGE, isLoopbackHost, normaliseServerUrl } from '../../src/shared/server-url';

describe('normaliseServerUrl', () => {
  it('trims and strips trailing slashes, adding nothing', () => {
    expect(normaliseServerUrl('  https://evovoice.io/  ')).toBe('https://evovoice.io');
    expect(normaliseServerUrl('https://evovoice.io///')).toBe('https://evovoice.io');
    expect(normaliseServerUrl('evovoice.io')).toBe('evovoice.io');
  });
});

describe('checkServerUrl', () => {
  it('accepts https with any host and returns the canonical base', () => {
    expect(checkServerUrl('https://evovoice.io/')).toEqual({ ok: true, url: 'https://evovoice.io' });
    expect(checkServerUrl(' https://EvoVoice.io:8443/base/ ')).toEqual({ ok: true, url: 'https://evovoice.io:8443/base' });
  });

  it.each(['http://127.0.0.1:4010', 'http://127.5.6.7', 'http://localhost:3000/', 'http://[::1]:8080', 'http://LOCALHOST'])(
    'accepts http on loopback: %s',
    (url) => {
      const result = checkServerUrl(url);
      expect(result.ok).toBe(true);
    },
  );

  it.each(['http://evovoice.io', 'http://10.0.0.5', 'http://localhost.evil.com', 'http://128.0.0.1', 'http://[::2]'])(
    'refuses http elsewhere with the InsecureUrl message: %s',
    (url) => {
      const result = checkServerUrl(url);
      expect(result).toEqual({ ok: false, error: { kind: 'InsecureUrl', message: INSECURE_URL_MESSAGE } });
    },
  );

  it('explains what http is allowed for', () => {
    expect(INSECURE_URL_MESSAGE).toBe(
      'Evo Voice must be reached over https; http is only allowed for a local sandbox (127.0.0.1 / localhost).',
    );
  });

  it.each([
    ['', /Enter the Evo Voice server address/],
    ['evovoice.io', /not a web address/],
    ['ftp://evovoice.io', /Only https/],
    ['file:///etc/passwd', /Only https/],
    ['https://user:pw@evovoice.io', /user name or password/],
    ['https://evovoice.io/?x=1', /"\?" or "#"/],
  ])('refuses %j as invalid input', (url, message) => {
    const result = checkServerUrl(url);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('InvalidInput');
      expect(result.error.message).toMatch(message);
    }
  });

  it('never echoes a password typed into the address', () => {
    const result = checkServerUrl('https://me:hunter2secret@evovoice.io');
    expect(JSON.stringify(result)).not.toContain('hunter2secret');
  });
});

describe('isLoopbackHost', () => {
  it('knows 127.0.0.0/8, localhost and ::1 only', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('127.255.255.254')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('0.0.0.0')).toBe(false);
    expect(isLoopbackHost('127.0.0.1.nip.io')).toBe(false);
  });
});
