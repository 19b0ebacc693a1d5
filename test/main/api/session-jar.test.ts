import { describe, expect, it } from 'vitest';
import { BEARER_TOKEN_KEY, redact, SessionJar } from '../../../src/main/api/session-jar';

describe('SessionJar', () => {
  it('absorbs Set-Cookie lines, including Expires dates with commas', () => {
    const jar = new SessionJar();
    jar.absorb([
      'ss-id=abc123def; path=/; samesite=strict; httponly',
      'ss-pid=perm987654; expires=Fri, 01 Jan 2100 00:00:00 GMT; path=/; httponly',
      'ss-opt=perm; expires=Fri, 01 Jan 2100 00:00:00 GMT; path=/',
    ]);
    expect(jar.snapshot()).toEqual({ 'ss-id': 'abc123def', 'ss-pid': 'perm987654', 'ss-opt': 'perm' });
    expect(jar.cookieHeader()).toBe('ss-id=abc123def; ss-pid=perm987654; ss-opt=perm');
  });

  it('deletes cookies the server expires', () => {
    const jar = new SessionJar();
    jar.restore({ 'ss-id': 'one11', 'ss-pid': 'two22', 'ss-opt': 'perm', other: 'x' });
    jar.absorb(['ss-id=; expires=Thu, 01 Jan 1970 00:00:00 GMT', 'ss-pid=deleted; Max-Age=0', 'ss-opt=perm; Expires=Thu, 01 Jan 1970 00:00:00 GMT', 'other=']);
    expect(jar.snapshot()).toEqual({});
    expect(jar.cookieHeader()).toBeUndefined();
  });

  it('restores only plausible cookie names and token keys; bumps the generation', () => {
    const jar = new SessionJar();
    const before = jar.generation;
    jar.restore({ 'ss-id': 'abcd', 'bad name': 'x', [BEARER_TOKEN_KEY]: 'tok', empty: '' });
    expect(jar.snapshot()).toEqual({ 'ss-id': 'abcd', [BEARER_TOKEN_KEY]: 'tok' });
    expect(jar.generation).toBe(before + 1);
    expect(jar.cookieHeader()).toBe('ss-id=abcd'); // tokens are never sent as cookies
    expect(jar.bearerToken()).toBe('tok');
    jar.clear();
    expect(jar.isEmpty()).toBe(true);
    expect(jar.generation).toBe(before + 2);
  });

  it('snapshot is a copy', () => {
    const jar = new SessionJar();
    jar.restore({ 'ss-id': 'abcd' });
    const snap = jar.snapshot();
    snap['ss-id'] = 'changed';
    expect(jar.snapshot()['ss-id']).toBe('abcd');
  });
});

describe('redact', () => {
  it('replaces every secret occurrence', () => {
    expect(redact('id=s3cr3t-value and again s3cr3t-value', ['s3cr3t-value'])).toBe('id=[redacted] and again [redacted]');
    expect(redact('nothing here', ['s3cr3t-value'])).toBe('nothing here');
    expect(redact('permissions', ['perm'])).toBe('permissions'); // flags are not secrets
  });
});
