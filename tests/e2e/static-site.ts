/**
 * A plain static host for the built app, as the offline and update tests need one: it sends no
 * COOP/COEP headers (like most static hosts), can switch to another build while pages stay
 * open (a deploy), and can be shut down (no network at all). `vite preview` can do neither.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.bin': 'application/octet-stream',
};

export interface StaticSite {
  /** http://127.0.0.1:PORT (a secure context, like localhost) */
  readonly url: string;
  /** Serves another build directory from now on, on the same origin. */
  deploy(dir: string): void;
  close(): Promise<void>;
}

/** The file for a URL path the way static hosts resolve it: exact file, `.html`, `index.html`, else 404.html. */
function resolveFile(root: string, urlPath: string): { file: string; status: number } | null {
  const path = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  const candidates = [join(root, path), join(root, `${path}.html`), join(root, path, 'index.html')];
  for (const file of candidates) {
    if (!file.startsWith(root + sep) && file !== root) continue;
    if (existsSync(file) && statSync(file).isFile()) return { file, status: 200 };
  }
  const fallback = join(root, '404.html');
  return existsSync(fallback) ? { file: fallback, status: 404 } : null;
}

export async function startStaticSite(dir: string): Promise<StaticSite> {
  let root = normalize(dir);
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const found = resolveFile(root, url.pathname);
    if (!found) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(found.status, {
      'Content-Type': TYPES[extname(found.file)] ?? 'application/octet-stream',
      'Content-Length': statSync(found.file).size,
      // Revalidate everything, as a host without cache rules would: updates show up at once.
      'Cache-Control': 'no-cache',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(found.file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deploy(next) {
      root = normalize(next);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
