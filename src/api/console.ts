import type Router from '@koa/router';
import type { Context } from 'koa';
import { readFile, readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';

/**
 * Where `npm run build:console` writes the console (Vite's output): `console/dist` at the repository
 * root, and the same place relative to the compiled `dist/src/api/` (the Dockerfile copies it there).
 */
export const consoleDirectory = join(import.meta.dirname, '..', '..', 'console', 'dist');

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Everything the console loads comes from this origin; it talks only to this API. No inline script
 * or style (Vite emits files), no framing, no referrer leaving the page.
 */
const securityHeaders = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>convo-pilot console: not built</title></head>
<body><h1>The console is not built</h1>
<p>Build it with <code>npm run build:console</code> (<code>npm start</code> and <code>npm test</code> build it), then reload.</p>
</body></html>`;

interface BuiltConsole {
  indexHtml: Buffer;
  /** The hashed files under `assets/`, by name: only these are served, so no path reaches outside. */
  assets: Set<string>;
}

async function loadBuild(directory: string): Promise<BuiltConsole | null> {
  try {
    const [indexHtml, assets] = await Promise.all([
      readFile(join(directory, 'index.html')),
      readdir(join(directory, 'assets')),
    ]);
    return { indexHtml, assets: new Set(assets) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * The console, a single-page app, at `/console`: hashed assets cached for a year, `index.html` never
 * cached (it names the current assets) and answered for every other path under `/console/`, where
 * the app's own router takes over. Without a build, a page saying how to build it (503).
 */
export function mountConsole(router: Router, directory: string): void {
  let build: BuiltConsole | null = null;
  const currentBuild = async () => (build ??= await loadBuild(directory));

  async function answerPage(ctx: Context) {
    ctx.set(securityHeaders);
    ctx.set('cache-control', 'no-cache');
    ctx.type = 'text/html; charset=utf-8';
    const built = await currentBuild();
    if (!built) {
      ctx.status = 503;
      ctx.body = notBuiltPage;
      return;
    }
    ctx.body = built.indexHtml;
  }

  router.get('/console/assets/:file', async (ctx, next) => {
    const file = ctx.params.file ?? '';
    const contentType = contentTypes[extname(file)];
    if (!contentType || !(await currentBuild())?.assets.has(file)) {
      await next();
      return;
    }
    ctx.set(securityHeaders);
    ctx.set('cache-control', 'public, max-age=31536000, immutable');
    ctx.type = contentType;
    ctx.body = await readFile(join(directory, 'assets', file));
  });
  router.get('/console{/*route}', async (ctx, next) => {
    // A missing asset is a 404, not the page (a browser would run HTML as a script).
    if (ctx.path.startsWith('/console/assets/')) await next();
    else await answerPage(ctx);
  });
}
