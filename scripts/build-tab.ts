/**
 * Builds the Teams tab's page (src/features/tab/web) into dist/tab/: type-checked, app.js and
 * config.js bundled with esbuild (teams-js included), plus the HTML and CSS copied as they are.
 * From the command line it does nothing when its inputs are unchanged since the last build
 * (a hash of them is kept in dist/tab/.inputs), so `npm start` on a built tree starts at once.
 *
 *   npm run build:tab            # skips when nothing changed
 *   npm run build:tab -- --force
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.join(__dirname, '..');
const WEB = path.join(ROOT, 'src', 'features', 'tab', 'web');
export const TAB_OUT_DIR = path.join(ROOT, 'dist', 'tab');
const STAMP = path.join(TAB_OUT_DIR, '.inputs');

/** Everything the page is built from: its sources, the API contract it imports, the configs, the lockfile (esbuild, teams-js) and this script. */
function inputsHash(): string {
  const files = [
    ...readdirSync(WEB, { recursive: true, encoding: 'utf8' }).map((f) => path.join(WEB, f)),
    path.join(ROOT, 'src', 'features', 'tab', 'api', 'contract.ts'),
    path.join(ROOT, 'tsconfig.json'),
    path.join(ROOT, 'package-lock.json'),
    __filename,
  ].sort();
  const hash = createHash('sha256');
  for (const f of files) {
    let body: Buffer;
    try {
      body = readFileSync(f);
    } catch {
      continue; // a directory
    }
    hash.update(path.relative(ROOT, f)).update('\0').update(body).update('\0');
  }
  return hash.digest('hex');
}

/** The page's own type check (the DOM lib, no emit): the same as `tsc -p src/features/tab/web/tsconfig.json`. */
function typecheck(): void {
  const tsc = require.resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(WEB, 'tsconfig.json')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the tab does not type-check');
}

export async function buildTab(outDir: string = TAB_OUT_DIR): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: { app: path.join(WEB, 'main.ts'), config: path.join(WEB, 'config.ts') },
    outdir: outDir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020', 'chrome100', 'edge100', 'safari15', 'firefox100'],
    minify: true,
    sourcemap: true,
    tsconfig: path.join(WEB, 'tsconfig.json'),
    legalComments: 'linked',
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'config.html', 'app.css']) copyFileSync(path.join(WEB, file), path.join(outDir, file));
}

async function buildIfChanged(force: boolean): Promise<string> {
  const hash = inputsHash();
  const where = path.relative(process.cwd(), TAB_OUT_DIR) || '.';
  if (!force && existsSync(path.join(TAB_OUT_DIR, 'app.js')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash) return `tab unchanged in ${where}`;
  typecheck();
  await buildTab();
  writeFileSync(STAMP, hash);
  return `tab built into ${where}`;
}

if (require.main === module) {
  buildIfChanged(process.argv.includes('--force')).then(
    (said) => console.log(said),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
