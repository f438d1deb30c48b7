import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type restify from 'restify';

// The page's files (dist/tab, built by scripts/build-tab.ts) under /tab/. Only plain file
// names in that one folder are served, so no path can leave it.

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
const NAME = /^[a-z0-9][a-z0-9-]*(\.js)?\.(html|js|css|map|svg|png)$/;

// Teams shows tabs in frames of its own clients; nobody else may frame the page.
const FRAME_ANCESTORS = "'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.office.com https://*.microsoft365.com https://*.cloud.microsoft https://*.skype.com";
const CSP = `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors ${FRAME_ANCESTORS}; base-uri 'none'; form-action 'none'`;

/** dist/tab beside the package.json of this project, whether running from src/ or dist/src/. */
export function defaultWebDir(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'dist', 'tab');
}

export function webBuilt(dir: string): boolean {
  return existsSync(path.join(dir, 'index.html')) && existsSync(path.join(dir, 'app.js'));
}

export function staticRoutes(dir: string) {
  return (server: restify.Server): void => {
    const send = async (res: restify.Response, name: string): Promise<void> => {
      const ext = path.extname(name);
      let body: Buffer;
      try {
        body = await readFile(path.join(dir, name));
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(name === 'index.html' ? 'The tab is not built: run npm run build:tab' : 'not found');
        return;
      }
      res.writeHead(200, {
        'content-type': TYPES[ext] ?? 'application/octet-stream',
        'cache-control': ext === '.html' ? 'no-cache' : 'public, max-age=300',
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      res.end(body);
    };
    server.get('/tab', async (_req, res) => {
      res.redirect(301, '/tab/index.html', () => undefined);
    });
    server.get('/tab/', async (_req, res) => send(res, 'index.html'));
    server.get('/tab/:file', async (req, res) => {
      const file: unknown = (req.params as Record<string, unknown>).file;
      if (typeof file !== 'string' || !NAME.test(file)) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('not found');
        return;
      }
      await send(res, file);
    });
  };
}
