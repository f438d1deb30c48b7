/**
 * Stages the built app for App Service: the one place where what runs in Azure is put together.
 * Both deployment paths use it (Agents Toolkit's `deploy` in m365agents.yml, and the `az` guide
 * in infra/README.md); App Service itself never installs or builds (SCM_DO_BUILD_DURING_DEPLOYMENT=false).
 *
 *   npm ci && npm run build                       build once, here
 *   npx tsx scripts/stage-deploy.ts               copy the runtime files to .deployment/app
 *   npx tsx scripts/stage-deploy.ts --install --zip .deployment/traffpunkt.zip
 *                                                 …and add production node_modules, and zip it
 *
 * The stage holds package.json/package-lock.json (projectRoot() looks for package.json), dist/src
 * (the compiled server, started by infra/main.bicep's appCommandLine), dist/tab (the tab's page),
 * and the data files the server reads at run time (RUNTIME_FILES). Production dependencies are
 * installed with `npm ci --omit=dev --ignore-scripts`: the postinstall hook (patch-package) is a
 * devDependency, and its patches only concern the embedded development store.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import JSZip from 'jszip';

export const ROOT = path.resolve(__dirname, '..');
export const DEFAULT_STAGE_DIR = path.join(ROOT, '.deployment', 'app');
/** The file the web app starts (infra/main.bicep appCommandLine). */
export const ENTRY = 'dist/src/main.js';

/** Everything the running server reads from disk besides node_modules, relative to the project root. */
export const RUNTIME_FILES = ['package.json', 'package-lock.json', 'dist/src', 'dist/tab', 'cards', 'src/features/people/organizations.json'];

export interface StageOptions {
  root?: string;
  stageDir?: string;
}

/** Copies the runtime files into a fresh stage directory. Throws if the build has not run. */
export function stage(options: StageOptions = {}): string {
  const root = options.root ?? ROOT;
  const stageDir = options.stageDir ?? DEFAULT_STAGE_DIR;
  const missing = RUNTIME_FILES.filter((f) => !existsSync(path.join(root, f)));
  if (missing.length > 0) {
    throw new Error(`missing ${missing.join(', ')} – run \`npm ci && npm run build\` first`);
  }
  if (!existsSync(path.join(root, ENTRY))) throw new Error(`${ENTRY} is missing – run \`npm run build\` first`);
  rmSync(stageDir, { recursive: true, force: true });
  mkdirSync(stageDir, { recursive: true });
  for (const f of RUNTIME_FILES) cpSync(path.join(root, f), path.join(stageDir, f), { recursive: true });
  return stageDir;
}

/** Installs production dependencies only, exactly as locked, without lifecycle scripts. */
export function installProduction(stageDir: string): void {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: stageDir, stdio: 'inherit', shell: process.platform === 'win32' });
}

function addDir(zip: JSZip, dir: string, prefix: string): void {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const st = lstatSync(full);
    if (st.isSymbolicLink()) continue; // node_modules/.bin links: not needed to run
    if (st.isDirectory()) addDir(zip, full, `${prefix}${name}/`);
    else zip.file(`${prefix}${name}`, readFileSync(full), { date: new Date(Date.UTC(2024, 0, 1)) });
  }
}

/** Zips the stage with its contents at the archive root (what `az webapp deploy --type zip` expects). */
export async function zipStage(stageDir: string, outFile: string): Promise<void> {
  const zip = new JSZip();
  addDir(zip, stageDir, '');
  mkdirSync(path.dirname(outFile), { recursive: true });
  await pipeline(zip.generateNodeStream({ type: 'nodebuffer', streamFiles: true, compression: 'DEFLATE' }), createWriteStream(outFile));
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const zipAt = args.indexOf('--zip');
  const zipFile = zipAt >= 0 ? args[zipAt + 1] : undefined;
  if (zipAt >= 0 && !zipFile) {
    console.error('--zip needs a file name');
    process.exit(2);
  }
  (async () => {
    const dir = stage();
    console.log(`staged ${RUNTIME_FILES.join(', ')} in ${path.relative(process.cwd(), dir) || dir}`);
    if (args.includes('--install')) installProduction(dir);
    if (zipFile) {
      await zipStage(dir, path.resolve(zipFile));
      console.log(`zipped to ${zipFile}`);
    }
  })().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
