/**
 * Builds the Teams tab's page (src/features/tab/web) into dist/tab/: app.js and config.js bundled
 * with esbuild (teams-js included), plus the HTML and CSS copied as they are.
 *
 *   npm run build:tab
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.join(__dirname, '..');
const WEB = path.join(ROOT, 'src', 'features', 'tab', 'web');
export const TAB_OUT_DIR = path.join(ROOT, 'dist', 'tab');

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

if (require.main === module) {
  buildTab().then(
    () => console.log(`tab built into ${path.relative(process.cwd(), TAB_OUT_DIR) || '.'}`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
