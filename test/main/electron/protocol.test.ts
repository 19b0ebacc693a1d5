import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } from '../../../src/main/electron/csp';
import { createAppProtocolHandler, resolveAppFile } from '../../../src/main/electron/protocol';

let root: string;
let secretDir: string;
beforeAll(() => {
  const base = mkdtempSync(path.join(tmpdir(), 'evo-protocol-'));
  root = path.join(base, 'renderer');
  secretDir = base;
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<html>app</html>');
  writeFileSync(path.join(root, 'assets', 'index.js'), 'console.log(1)');
  writeFileSync(path.join(secretDir, 'secret.txt'), 'do not serve');
});

describe('app:// protocol handler', () => {
  it('serves the built renderer with the CSP header and the right type', async () => {
    const handle = createAppProtocolHandler(root);
    const index = await handle({ url: 'app://console/', method: 'GET' });
    expect(index.status).toBe(200);
    expect(await index.text()).toBe('<html>app</html>');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    // Readable by our own origin only: no CORS grant to anyone else.
    expect([...index.headers.keys()].some((h) => h.startsWith('access-control-'))).toBe(false);
    const js = await handle({ url: 'app://console/assets/index.js' });
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await handle({ url: 'app://console/missing.js' })).status).toBe(404);
  });

  it('refuses path traversal, other hosts and schemes, and non-GET methods', async () => {
    const handle = createAppProtocolHandler(root);
    for (const url of [
      'app://console/../secret.txt',
      'app://console/%2e%2e/secret.txt',
      'app://console/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://console/..%5csecret.txt',
      'app://console/%00index.html',
      'app://other/index.html',
      'file:///etc/passwd',
    ]) {
      const response = await handle({ url });
      expect([403, 404], url).toContain(response.status);
      expect(await response.text(), url).not.toContain('do not serve');
    }
    // The URL parser already folds dot segments at the root; whatever is left must stay inside it.
    const folded = resolveAppFile(root, 'app://console/%2e%2e/secret.txt');
    expect(folded === null || folded.startsWith(root + path.sep)).toBe(true);
    expect(resolveAppFile(root, 'app://console/a/%252e%252e/x')).not.toContain('..');
    expect(resolveAppFile(root, 'app://console/..%5csecret.txt')).toBeNull();
    expect((await handle({ url: 'app://console/index.html', method: 'POST' })).status).toBe(405);
  });
});

describe('Content-Security-Policy', () => {
  it('is strict: own scripts only, no remote origins, no framing', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('is the same policy in the renderer’s index.html meta tag (frame-ancestors only works as a header)', () => {
    const html = readFileSync(path.resolve(__dirname, '../../../src/renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY_META);
    expect(CONTENT_SECURITY_POLICY).toBe(`${CONTENT_SECURITY_POLICY_META}; frame-ancestors 'none'`);
  });
});
