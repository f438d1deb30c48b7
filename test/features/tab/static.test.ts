import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import restify from 'restify';
import { staticRoutes } from '../../../src/features/tab/api/static';

describe('the tab page files under /tab/', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'traffpunkt-tab-static-'));
  const server = restify.createServer();
  let url = '';

  beforeAll(async () => {
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(path.join(dir, 'app.js'), 'void 0;');
    writeFileSync(path.join(os.tmpdir(), 'traffpunkt-secret.txt'), 'secret');
    staticRoutes(dir)(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
    rmSync(path.join(os.tmpdir(), 'traffpunkt-secret.txt'), { force: true });
  });

  it('serves the page with its content type, a content security policy and frame ancestors limited to Teams', async () => {
    const res = await fetch(`${url}/tab/index.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors');
    expect((await fetch(`${url}/tab/app.js`)).headers.get('content-type')).toContain('text/javascript');
    expect((await fetch(`${url}/tab/`)).status).toBe(200);
  });

  it('serves nothing outside its folder and nothing it was not built with', async () => {
    for (const p of ['/tab/..%2Ftraffpunkt-secret.txt', '/tab/%2e%2e%2fpackage.json', '/tab/missing.js', '/tab/.env', '/tab/index.HTML']) {
      expect((await fetch(`${url}${p}`)).status).toBe(404);
    }
  });
});
