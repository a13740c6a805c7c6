import Router from '@koa/router';
import Koa from 'koa';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountConsole } from '../../src/api/console.js';
import { startHarness, type Harness } from '../support/harness.js';

describe('The console served at /console', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('answers its page, not cached, with a same-origin-only security policy', async () => {
    const page = await fetch(`${h.api.url}/console`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await page.text();
    expect(html).toContain('/console/assets/');
    // Everything from this origin: no CDN, so it works offline.
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('answers the same page for the app’s own routes (deep links, reloads)', async () => {
    const [root, deep] = await Promise.all([
      fetch(`${h.api.url}/console/`).then((r) => r.text()),
      fetch(`${h.api.url}/console/settings/ai`),
    ]);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toBe(root);
  });

  it('serves the hashed assets the page names, cached for good, and nothing else', async () => {
    const html = await (await fetch(`${h.api.url}/console/`)).text();
    const assets = [...html.matchAll(/\/console\/assets\/[\w.-]+\.(?:js|css)/g)].map(([path]) => path);
    expect(assets.some((path) => path.endsWith('.js'))).toBe(true);
    for (const path of assets) {
      const asset = await fetch(`${h.api.url}${path}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.get('content-type')).toMatch(path.endsWith('.js') ? /javascript/ : /text\/css/);
    }
    const missing = await fetch(`${h.api.url}/console/assets/missing-0000.js`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await fetch(`${h.api.url}/console/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${h.api.url}/console/assets/..%2Findex.html`)).status).toBe(404);
  });
});

describe('The console before it is built', () => {
  let server: ReturnType<Koa['listen']>;
  let url: string;
  beforeAll(async () => {
    const router = new Router();
    mountConsole(router, mkdtempSync(join(tmpdir(), 'console-not-built-')));
    server = new Koa().use(router.routes()).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('says how to build it instead of failing', async () => {
    const page = await fetch(`${url}/console/inbox`);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('npm run build:console');
  });
});
