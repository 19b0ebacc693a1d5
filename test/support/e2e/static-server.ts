/* A tiny static server for the built renderer on 127.0.0.1 (random port). It sends the
 * same CSP and headers as the app:// protocol handler, so the e2e page runs under the
 * policy the real app enforces (inline scripts or remote loads would fail here too). */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { securityHeaders } from '../../../src/main/electron/protocol';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

export async function startStaticServer(root: string): Promise<StaticServer> {
  const base = path.resolve(root);
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let pathname: string;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        pathname = '\0';
      }
      if (pathname === '/') pathname = '/index.html';
      const file = path.resolve(base, `.${pathname}`);
      if (pathname.includes('\0') || !file.startsWith(base + path.sep)) {
        res.writeHead(403, securityHeaders('text/plain; charset=utf-8')).end('Forbidden');
        return;
      }
      try {
        const body = await readFile(file);
        res.writeHead(200, securityHeaders(TYPES[path.extname(file)] ?? 'application/octet-stream')).end(body);
      } catch {
        res.writeHead(404, securityHeaders('text/plain; charset=utf-8')).end('Not found');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
