import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
// `yaml` is in node_modules through patch-package (a devDependency), not a direct dependency.
import { parse } from 'yaml';
import { DEFAULT_STAGE_DIR, ENTRY, RUNTIME_FILES, stage } from '../../scripts/stage-deploy';

// Microsoft 365 Agents Toolkit project files, checked offline: each yml against the toolkit's own
// schema (the subset of v1.11 this project uses, m365agents-yaml.schema.v1.11.json), every
// ${{VAR}} they, the ARM parameters file and the manifest use is defined in env/ or written by
// an earlier step, every file they name exists, and .vscode wires the launch configurations to
// those files. Nothing here talks to Microsoft 365 or Azure.

const ROOT = path.resolve(__dirname, '..', '..');
const read = (...p: string[]): string => readFileSync(path.join(ROOT, ...p), 'utf8');
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const placeholders = (text: string): string[] => [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];

type Step = { uses: string; name?: string; with?: Record<string, unknown>; writeToEnvironmentFile?: Record<string, string> };
type ProjectFile = { version: string; environmentFolderPath?: string; provision?: Step[]; deploy?: Step[]; publish?: Step[] };

const SCHEMA_VERSION = 'v1.11';
const FILES: Record<string, { env: string[] }> = {
  'm365agents.yml': { env: ['dev'] },
  'm365agents.local.yml': { env: ['local'] },
  'm365agents.playground.yml': { env: ['playground'] },
};
// Set by the toolkit itself (built-in variables); AZURE_* are asked for when empty.
const BUILT_IN = new Set(['TEAMSFX_ENV', 'APP_NAME_SUFFIX', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME', 'TEAMS_APP_TENANT_ID']);

function loadYml(file: string): ProjectFile {
  return parse(read(file)) as ProjectFile;
}

/** KEY=value lines of a dotenv file (comments and blanks skipped). */
function envFile(name: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of read('env', `.env.${name}`).split(/\r?\n/)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) out.set(m[1] ?? '', m[2] ?? '');
  }
  return out;
}

/** Names arm/deploy writes: every output of the template, upper-cased (the toolkit's convention). */
function bicepOutputs(template: string): string[] {
  return [...read(template).matchAll(/^output (\w+) /gm)].map((m) => (m[1] ?? '').toUpperCase());
}

interface TasksFile {
  tasks: { label: string; type?: string; command?: string; args?: { env?: string; ports?: { writeToEnvironmentFile?: Record<string, string> }[] }; dependsOn?: string[] }[];
}
const tasks = (JSON.parse(read('.vscode', 'tasks.json')) as TasksFile).tasks;

/** Variables the dev tunnel task writes into env/.env.local before provision. */
function tunnelOutputs(): string[] {
  return tasks.filter((t) => t.command === 'debug-start-local-tunnel').flatMap((t) => (t.args?.ports ?? []).flatMap((p) => Object.values(p.writeToEnvironmentFile ?? {})));
}

/**
 * Walks provision → deploy → publish in order and returns, per step, which ${{VAR}}s (its own,
 * and those of the files it reads) are neither defined in the env file nor written earlier.
 */
function undefinedVariables(file: string, env: string, doc: ProjectFile = loadYml(file)): string[] {
  const known = new Set<string>([...BUILT_IN, ...envFile(env).keys()]);
  if (env === 'local') for (const v of tunnelOutputs()) known.add(v);
  const problems: string[] = [];
  for (const stage of ['provision', 'deploy', 'publish'] as const) {
    (doc[stage] ?? []).forEach((step, i) => {
      const used = placeholders(JSON.stringify(step.with ?? {}));
      if (step.uses === 'arm/deploy') {
        for (const t of (step.with?.templates as { path: string; parameters?: string }[]) ?? []) if (t.parameters) used.push(...placeholders(read(t.parameters)));
      }
      if (step.uses === 'teamsApp/zipAppPackage' || step.uses === 'teamsApp/validateManifest') used.push(...placeholders(read(String(step.with?.manifestPath))));
      for (const v of used) if (!known.has(v)) problems.push(`${file} ${stage}[${i}] ${step.uses}: \${{${v}}} is not defined for env ${env}`);
      for (const v of Object.values(step.writeToEnvironmentFile ?? {})) known.add(v);
      if (step.uses === 'arm/deploy') {
        for (const t of (step.with?.templates as { path: string }[]) ?? []) for (const o of bicepOutputs(t.path)) known.add(o);
      }
      if (step.uses === 'script') for (const m of String(step.with?.run).matchAll(/::set-teamsfx-env ([A-Z0-9_]+)=/g)) known.add(m[1] ?? '');
    });
  }
  return problems;
}

describe('Agents Toolkit project files (m365agents*.yml)', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validateYml = ajv.compile(JSON.parse(read('test', 'appPackage', 'm365agents-yaml.schema.v1.11.json')) as object);

  it.each(Object.keys(FILES))('%s validates against the toolkit schema (v1.11)', (file) => {
    const text = read(file);
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=https://aka.ms/m365-agents-toolkits/${SCHEMA_VERSION}/yaml.schema.json`);
    const doc = loadYml(file);
    expect(doc.version).toBe(SCHEMA_VERSION);
    const ok = validateYml(doc);
    expect(ok ? [] : (validateYml.errors ?? []).map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
  });

  it('rejects an unknown action or a misspelt argument (the schema check is not a no-op)', () => {
    expect(validateYml({ version: SCHEMA_VERSION, deploy: [{ uses: 'cli/runNpmCommand', with: { arg: 'ci' } }] })).toBe(false);
    expect(validateYml({ version: SCHEMA_VERSION, deploy: [{ uses: 'azureAppService/deploy', with: { artifactFolder: '.', resourceId: 'x' } }] })).toBe(false);
    expect(validateYml({ version: 'v1.99' })).toBe(false);
  });

  it.each(Object.entries(FILES).flatMap(([file, { env }]) => env.map((e) => [file, e])))('%s (env %s): every ${{VAR}} is defined in env/ or written by an earlier step', (file, env) => {
    expect(undefinedVariables(file, env)).toEqual([]);
  });

  it('finds a variable nobody defines (the variable check is not a no-op)', () => {
    const probe = parse(`version: ${SCHEMA_VERSION}\ndeploy:\n  - uses: cli/runNpmCommand\n    with:\n      args: run \${{NOBODY_SETS_THIS}} \${{TEAMSFX_ENV}}\n`) as ProjectFile;
    expect(undefinedVariables('probe.yml', 'playground', probe)).toEqual(['probe.yml deploy[0] cli/runNpmCommand: ${{NOBODY_SETS_THIS}} is not defined for env playground']);
  });

  it('names only files that exist, or that an earlier step or the stage script produces', () => {
    const stageDir = `./${path.relative(ROOT, DEFAULT_STAGE_DIR).split(path.sep).join('/')}`;
    for (const file of Object.keys(FILES)) {
      const produced = new Set<string>();
      const doc = loadYml(file);
      for (const step of [...(doc.provision ?? []), ...(doc.deploy ?? []), ...(doc.publish ?? [])]) {
        const w = step.with ?? {};
        const where = `${file} ${step.uses}`;
        for (const key of ['manifestPath']) if (key in w) expect(`${where} ${String(w[key])} exists: ${existsSync(path.join(ROOT, String(w[key])))}`).toBe(`${where} ${String(w[key])} exists: true`);
        for (const t of (w.templates as { path: string; parameters?: string }[] | undefined) ?? []) {
          for (const p of [t.path, t.parameters ?? t.path]) expect(`${where} ${p} exists: ${existsSync(path.join(ROOT, p))}`).toBe(`${where} ${p} exists: true`);
        }
        if ('outputZipPath' in w) produced.add(String(w.outputZipPath));
        if ('appPackagePath' in w)
          expect(`${where} ${String(w.appPackagePath)} built earlier: ${produced.has(String(w.appPackagePath))}`).toBe(`${where} ${String(w.appPackagePath)} built earlier: true`);
        for (const key of ['artifactFolder', 'workingDirectory'])
          if (key in w) expect(`${where} ${key}`).toBe(String(w[key]) === stageDir ? `${where} ${key}` : `${String(w[key])} is not the stage (${stageDir})`);
        for (const m of String(w.args ?? '').matchAll(/\b(scripts\/[\w./-]+\.ts)\b/g)) expect(existsSync(path.join(ROOT, m[1] ?? ''))).toBe(true);
      }
    }
  });

  it('deploys to Azure the way the web app expects: built once here, staged, no build on App Service', () => {
    const deploy = loadYml('m365agents.yml').deploy ?? [];
    const args = deploy.map((s) => `${s.uses} ${String(s.with?.args ?? '')}`.trim());
    expect(args).toEqual([
      'cli/runNpmCommand ci --no-audit --no-fund',
      'cli/runNpmCommand run build',
      'cli/runNpmCommand exec -- tsx scripts/stage-deploy.ts',
      'cli/runNpmCommand ci --omit=dev --ignore-scripts --no-audit --no-fund',
      'azureAppService/zipDeploy',
    ]);
    const bicep = read('infra', 'main.bicep');
    expect(bicep).toMatch(/name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'\s+value: 'false'/);
    expect(bicep).not.toContain('CUSTOM_BUILD_COMMAND');
    expect(/appCommandLine: '([^']+)'/.exec(bicep)?.[1]).toBe(`node --enable-source-maps ${ENTRY}`);
    expect(bicep).toMatch(/^param linuxFxVersion string = 'NODE\|24-lts'$/m);
  });

  it('creates a single-tenant Entra app for the bot and keeps the Teams app id separate', () => {
    for (const file of ['m365agents.yml', 'm365agents.local.yml']) {
      const provision = loadYml(file).provision ?? [];
      const aad = provision.filter((s) => s.uses === 'aadApp/create' || s.uses === 'botAadApp/create');
      expect(aad).toHaveLength(1);
      expect(aad[0]?.uses).toBe('aadApp/create');
      expect(aad[0]?.with).toMatchObject({ signInAudience: 'AzureADMyOrg', generateClientSecret: true, generateServicePrincipal: true });
      expect(aad[0]?.writeToEnvironmentFile).toMatchObject({ clientId: 'BOT_ID', clientSecret: 'SECRET_BOT_PASSWORD' });
      expect(provision.find((s) => s.uses === 'teamsApp/create')?.writeToEnvironmentFile).toEqual({ teamsAppId: 'TEAMS_APP_ID' });
    }
    const params = JSON.parse(read('infra', 'main.parameters.m365agents.json')) as { parameters: Record<string, { value: unknown }> };
    expect(params.parameters.botAppType?.value).toBe('SingleTenant');
    expect(params.parameters.botAppId?.value).toBe('${{BOT_ID}}');
    const manifest = JSON.parse(read('appPackage', 'manifest.json')) as { id: string };
    expect(manifest.id).toBe('${{TEAMS_APP_ID}}');
  });

  it('has an ARM parameters file for the toolkit that names only declared parameters, all required ones, secrets only from SECRET_ variables', () => {
    const bicep = read('infra', 'main.bicep');
    const params = [...bicep.matchAll(/^param (\w+) (\w+)( = .+)?$/gm)].map((m) => ({ name: m[1] ?? '', required: !m[3] }));
    const secure = new Set([...bicep.matchAll(/@secure\(\)\s+(?:@\w+\([^)]*\)\s+)*param (\w+)/g)].map((m) => m[1]));
    const file = JSON.parse(read('infra', 'main.parameters.m365agents.json')) as { parameters: Record<string, { value: unknown }> };
    const declared = new Set(params.map((p) => p.name));
    expect(Object.keys(file.parameters).filter((p) => !declared.has(p))).toEqual([]);
    expect(params.filter((p) => p.required && !(p.name in file.parameters)).map((p) => p.name)).toEqual([]);
    for (const s of secure) {
      if (s && s in file.parameters) expect(`${s}=${String(file.parameters[s]?.value)}`).toMatch(new RegExp(`^${s}=\\$\\{\\{SECRET_[A-Z0-9_]+\\}\\}$`));
    }
  });
});

describe('env/ files', () => {
  const envNames = readdirSync(path.join(ROOT, 'env'))
    .filter((f) => f.startsWith('.env.') && !f.endsWith('.user'))
    .map((f) => f.slice('.env.'.length));

  it('exist for every environment the project files and launch configurations use', () => {
    expect(envNames.sort()).toEqual(expect.arrayContaining(['dev', 'local', 'playground']));
    for (const t of tasks) if (t.type === 'teamsfx' && t.args?.env) expect(envNames).toContain(t.args.env);
    expect(loadYml('m365agents.yml').environmentFolderPath).toBe('./env');
  });

  it('hold no secrets: SECRET_* only in the ignored .user files', () => {
    for (const name of envNames) {
      const env = envFile(name);
      expect(`${name}: ${[...env.keys()].filter((k) => k.startsWith('SECRET_') || /PASSWORD|SECRET/i.test(k)).join(',')}`).toBe(`${name}: `);
      expect(env.get('TEAMSFX_ENV')).toBe(name);
    }
    const ignore = read('.gitignore').split(/\r?\n/);
    for (const line of ['env/.env.*.user', '.localConfigs', '.localConfigs.playground', 'appPackage/build/', '.deployment/']) expect(ignore).toContain(line);
  });
});

describe('.vscode launch configurations', () => {
  interface Launch {
    configurations: { name: string }[];
    compounds: { name: string; configurations: string[]; preLaunchTask?: string }[];
  }
  const launch = JSON.parse(read('.vscode', 'launch.json')) as Launch;
  const labels = new Set(tasks.map((t) => t.label));

  it('offer "Debug in Microsoft 365 Agents Playground" and "Debug in Teams", wired to existing tasks', () => {
    const names = launch.compounds.map((c) => c.name);
    expect(names).toContain('Debug in Microsoft 365 Agents Playground');
    expect(names.some((n) => n.startsWith('Debug in Teams'))).toBe(true);
    const configs = new Set(launch.configurations.map((c) => c.name));
    for (const c of launch.compounds) {
      for (const inner of c.configurations) expect(configs.has(inner)).toBe(true);
      if (c.preLaunchTask) expect(labels.has(c.preLaunchTask)).toBe(true);
    }
    for (const t of tasks) for (const d of t.dependsOn ?? []) expect(`${t.label} → ${d}: ${labels.has(d)}`).toBe(`${t.label} → ${d}: true`);
  });

  it('start the built server with the configuration file the project file writes, with the debugger on the attach port', () => {
    const targets = Object.keys(FILES).flatMap((f) =>
      [...(loadYml(f).deploy ?? [])].filter((s) => s.uses === 'file/createOrUpdateEnvironmentFile').map((s) => String(s.with?.target).replace(/^\.\//, '')),
    );
    const starts = (JSON.parse(read('.vscode', 'tasks.json')) as { tasks: { label: string; command?: string; type?: string }[] }).tasks.filter((t) => t.type === 'shell' && t.command?.includes(ENTRY));
    expect(starts.length).toBe(2);
    for (const t of starts) {
      const envFileArg = /--env-file=(\S+)/.exec(t.command ?? '')?.[1];
      expect(targets).toContain(envFileArg);
      expect(t.command).toContain('--inspect=9239');
    }
    const attach = JSON.parse(read('.vscode', 'launch.json')) as { configurations: { name: string; port?: number }[] };
    expect(attach.configurations.find((c) => c.name === 'Attach to Local Service')?.port).toBe(9239);
  });
});

describe('scripts/stage-deploy.ts', () => {
  it('stages exactly the runtime files, and refuses when the build has not run', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'traffpunkt-stage-'));
    try {
      const out = path.join(root, '.deployment', 'app');
      expect(() => stage({ root, stageDir: out })).toThrow(/npm run build/);
      for (const f of RUNTIME_FILES) {
        const full = path.join(root, f);
        if (path.extname(f)) {
          mkdirSync(path.dirname(full), { recursive: true });
          writeFileSync(full, '{}');
        } else mkdirSync(full, { recursive: true });
      }
      writeFileSync(path.join(root, ENTRY), '');
      mkdirSync(path.join(root, 'test'), { recursive: true });
      writeFileSync(path.join(root, 'test', 'x.test.ts'), '');
      expect(stage({ root, stageDir: out })).toBe(out);
      expect(existsSync(path.join(out, ENTRY))).toBe(true);
      expect(existsSync(path.join(out, 'test'))).toBe(false);
      expect(readdirSync(out).sort()).toEqual(['cards', 'dist', 'package-lock.json', 'package.json', 'src']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('covers every file the server reads relative to the project root', () => {
    const sources: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory() && full !== path.join(ROOT, 'src', 'features', 'tab', 'web')) walk(full);
        else if (e.name.endsWith('.ts')) sources.push(readFileSync(full, 'utf8'));
      }
    };
    walk(path.join(ROOT, 'src'));
    const reads = sources.flatMap((s) =>
      [...s.matchAll(/path\.join\(projectRoot\(\), ((?:'[^']+', )*'[^']+')/g)].map((m) =>
        (m[1] ?? '')
          .split(', ')
          .map((p) => p.slice(1, -1))
          .join('/'),
      ),
    );
    expect(reads.length).toBeGreaterThan(0);
    for (const r of reads) expect(`${r} staged: ${RUNTIME_FILES.some((f) => r === f || r.startsWith(`${f}/`))}`).toBe(`${r} staged: true`);
    expect(RUNTIME_FILES).toEqual(expect.arrayContaining(['package.json', 'dist/src', 'dist/tab']));
  });
});
