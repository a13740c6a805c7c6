/**
 * `npm run build:console`: builds the console (console/, TypeScript + Preact) with Vite into static
 * files in console/dist, which the API serves at /console (src/api/console.ts). Then measures the
 * JavaScript a first visit loads (the entry chunk and what it imports statically), gzipped, and
 * fails above the budget of issue 15.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const INITIAL_JS_BUDGET_BYTES = 150 * 1024;
const root = join(import.meta.dirname, '..', 'console');
const outDir = join(root, 'dist');

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

/** The entry chunk's file and every chunk it imports statically (dynamic imports load later). */
function initialChunks(manifest: Record<string, ManifestChunk>): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key]!;
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    chunk.imports?.forEach(visit);
  };
  Object.entries(manifest)
    .filter(([, chunk]) => chunk.isEntry)
    .forEach(([key]) => visit(key));
  return [...files].filter((file) => file.endsWith('.js'));
}

await build({
  root,
  base: '/console/',
  configFile: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir, emptyOutDir: true, manifest: true, sourcemap: false, target: 'es2022' },
});

const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<
  string,
  ManifestChunk
>;
const gzippedBytes = initialChunks(manifest).reduce(
  (total, file) => total + gzipSync(readFileSync(join(outDir, file))).length,
  0,
);
const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
process.stdout.write(
  `console: built into ${outDir}; initial JS ${kilobytes(gzippedBytes)} gzipped (budget ${kilobytes(INITIAL_JS_BUDGET_BYTES)})\n`,
);
if (gzippedBytes > INITIAL_JS_BUDGET_BYTES) {
  process.stderr.write('console: the initial JavaScript is over budget; split a screen out with a dynamic import\n');
  process.exit(1);
}
