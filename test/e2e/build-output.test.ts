/* The built app (made once by the e2e globalSetup) keeps the properties the security model
 * relies on, which only show after bundling. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY_META } from '../../src/main/electron/csp';
import { E2E_BUILD_DIR } from '../support/e2e/paths';

const read = (...parts: string[]) => readFileSync(path.join(E2E_BUILD_DIR, ...parts), 'utf8');

describe('build output', () => {
  it('the sandboxed preload is one CommonJS file that requires nothing but electron', () => {
    const preload = read('preload', 'index.cjs');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).toContain('exposeInMainWorld');
  });

  it('the renderer HTML carries the CSP meta and no inline script', () => {
    const html = read('renderer', 'index.html');
    expect(html).toContain(`content="${CONTENT_SECURITY_POLICY_META}"`);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\.\/assets\//);
      expect(body!.trim()).toBe('');
    }
  });

  it('the renderer bundle never loads remote code', () => {
    const assets = readdirSync(path.join(E2E_BUILD_DIR, 'renderer', 'assets')).filter((f) => f.endsWith('.js'));
    for (const file of assets) {
      const js = read('renderer', 'assets', file);
      expect(js, file).not.toMatch(/import\(\s*["']https?:/);
      expect(js, file).not.toMatch(/<script[^>]+src=["']https?:/);
    }
  });
});
