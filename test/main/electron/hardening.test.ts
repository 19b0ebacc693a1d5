import { describe, expect, it, vi } from 'vitest';
import type { Session, Shell, WebContents } from 'electron';
import { denyAllPermissions, hardenWebContents, secureWebPreferences } from '../../../src/main/electron/hardening';
import { devRendererOrigin, isSafeExternalUrl } from '../../../src/main/electron/navigation';
import { FakeWebContents } from './fake-electron';

const quietLog = { warn: vi.fn() };

function hardened() {
  const contents = new FakeWebContents();
  const shell = { openExternal: vi.fn(async () => {}) };
  hardenWebContents(contents as unknown as WebContents, shell as unknown as Shell, quietLog);
  const fire = (name: string, url?: string) => {
    const event = { preventDefault: vi.fn() };
    contents.emit(name, event, url);
    return event.preventDefault;
  };
  return { contents, shell, fire };
}

describe('secure webPreferences', () => {
  it('isolates and sandboxes the renderer with no Node and web security on', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs', { devTools: false })).toEqual({
      preload: '/app/out/preload/index.cjs',
      devTools: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
  });
});

describe('navigation and new windows', () => {
  it('denies every navigation, redirect and webview attach', () => {
    const { fire } = hardened();
    expect(fire('will-navigate', 'https://evovoice.io/')).toHaveBeenCalled();
    expect(fire('will-navigate', 'file:///etc/passwd')).toHaveBeenCalled();
    expect(fire('will-redirect', 'https://evil.example/')).toHaveBeenCalled();
    expect(fire('will-attach-webview')).toHaveBeenCalled();
  });

  it('never opens a window; opens only validated https links in the browser', () => {
    const { contents, shell } = hardened();
    const open = (url: string) => contents.windowOpenHandler!({ url });
    expect(open('https://evovoice.io/docs')).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://evovoice.io/docs');
    for (const url of ['http://evovoice.io/', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@evovoice.io/', 'smb://host/share', 'app://console/x']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://evovoice.io/', true],
    ['https://docs.evovoice.io/a?b=c#d', true],
    ['http://evovoice.io/', false],
    ['javascript:alert(1)', false],
    ['file:///C:/Windows', false],
    ['https://a:b@evovoice.io', false],
    ['https://evovoice.io/\nx', false],
    [' https://evovoice.io', false],
    ['not a url', false],
    [`https://evovoice.io/${'a'.repeat(3000)}`, false],
    [42, false],
  ])('%s → %s', (url, safe) => {
    expect(isSafeExternalUrl(url)).toBe(safe);
  });
});

describe('devRendererOrigin', () => {
  it('accepts only a loopback http dev server', () => {
    expect(devRendererOrigin('http://localhost:5173/')).toBe('http://localhost:5173');
    expect(devRendererOrigin('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173');
    expect(devRendererOrigin('https://evil.example/')).toBeNull();
    expect(devRendererOrigin('http://192.168.1.5:5173')).toBeNull();
    expect(devRendererOrigin(undefined)).toBeNull();
  });
});

describe('permissions', () => {
  it('denies every permission request, check and device request', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
    denyAllPermissions(session as unknown as Session);
    const callback = vi.fn();
    session.setPermissionRequestHandler.mock.calls[0]![0]({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(session.setPermissionCheckHandler.mock.calls[0]![0]({}, 'notifications')).toBe(false);
    expect(session.setDevicePermissionHandler.mock.calls[0]![0]({})).toBe(false);
  });
});
