import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_KEYS, FORBIDDEN_IN_PRODUCTION, PRODUCTION_KEYS } from '../../src/config';
import { CONTAINERS } from '../../src/platform/cosmos/containers';

// No Bicep compiler can be installed here, so infra/ is kept honest by reading it as text and
// comparing it with what the code uses: containers and partition keys, app setting names,
// the start command and the health check path.

const ROOT = path.resolve(__dirname, '..', '..');
const INFRA = path.join(ROOT, 'infra');
const read = (...p: string[]) => readFileSync(path.join(ROOT, ...p), 'utf8');

/** Bicep source without comments (strings are kept; `//` inside a string is left alone). */
function stripComments(src: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (inString) {
      out += ch;
      if (ch === '\\') out += src[++i] ?? '';
      else if (ch === "'") inString = false;
    } else if (ch === "'") {
      inString = true;
      out += ch;
    } else if (ch === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      out += '\n';
    } else if (ch === '/' && src[i + 1] === '*') {
      i = src.indexOf('*/', i + 2) + 1;
    } else out += ch;
  }
  return out;
}

/** The text of `var <name> = ...` up to its closing line (one made only of `]` and `)`). */
function varBlock(src: string, name: string): string {
  const start = src.search(new RegExp(`^var ${name} = `, 'm'));
  if (start < 0) throw new Error(`var ${name} not found in infra/main.bicep`);
  const end = /^[\])]+[ \t]*$/m.exec(src.slice(start));
  if (!end) throw new Error(`var ${name} has no closing line`);
  return src.slice(start, start + end.index + end[0].length);
}

const bicepFiles = readdirSync(INFRA).filter((f) => f.endsWith('.bicep'));
const bicep = stripComments(bicepFiles.map((f) => readFileSync(path.join(INFRA, f), 'utf8')).join('\n'));
const main = stripComments(read('infra', 'main.bicep'));

// Read by Azure, not by src/config.ts.
const PLATFORM_SETTINGS = new Set([
  'APPLICATIONINSIGHTS_CONNECTION_STRING', // Application Insights agent
  'ApplicationInsightsAgent_EXTENSION_VERSION', // turns the agent on
  'SCM_DO_BUILD_DURING_DEPLOYMENT', // 'false': the zip is built before upload (scripts/stage-deploy.ts)
]);
const REQUIRED_PLATFORM_SETTINGS = ['APPLICATIONINSIGHTS_CONNECTION_STRING', 'SCM_DO_BUILD_DURING_DEPLOYMENT'];

// Containers that hold personal data must allow per-item TTL (defaultTtl -1).
const PERSONAL_DATA = ['activities', 'directory', 'conversations', 'jobs'];

interface BicepContainer {
  name: string;
  partitionKey: string;
  personalData: boolean;
  compositeIndexes: string;
}

function bicepContainers(): BicepContainer[] {
  const block = varBlock(main, 'containers');
  const out: BicepContainer[] = [];
  const entry = /name: '([^']+)'\s+partitionKey: '([^']+)'\s+personalData: (true|false)\s+compositeIndexes: (\[\]|\[[\s\S]*?\n {4}\])/g;
  for (const m of block.matchAll(entry)) {
    out.push({ name: m[1] ?? '', partitionKey: m[2] ?? '', personalData: m[3] === 'true', compositeIndexes: m[4] ?? '' });
  }
  return out;
}

function appSettings(): { names: string[]; block: string } {
  const block = varBlock(main, 'appSettings');
  return { names: [...block.matchAll(/name: '([A-Za-z_][A-Za-z0-9_]*)'/g)].map((m) => m[1] ?? ''), block };
}

function settingValue(block: string, name: string): string | undefined {
  return new RegExp(`name: '${name}'\\s+value: ('[^']*'|[^\\n]+)`).exec(block)?.[1];
}

describe('infra/*.bicep against the code', () => {
  it('is well-formed enough to compile: brackets balance outside strings, no tabs', () => {
    for (const f of bicepFiles) {
      const src = stripComments(readFileSync(path.join(INFRA, f), 'utf8'));
      expect(src).not.toContain('\t');
      const stack: string[] = [];
      const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
      let inString = false;
      for (let i = 0; i < src.length; i++) {
        const ch = src[i] ?? '';
        if (inString) {
          if (ch === '\\') i++;
          else if (ch === "'") inString = false;
          continue;
        }
        if (ch === "'") inString = true;
        else if ('([{'.includes(ch)) stack.push(ch);
        else if (ch in pairs) expect(`${f}:${i}:${stack.pop()}`).toBe(`${f}:${i}:${pairs[ch]}`);
      }
      expect(inString).toBe(false);
      expect(stack).toEqual([]);
    }
  });

  it('declares every container of src/platform/cosmos/containers.ts with its partition key, and no others', () => {
    const declared = bicepContainers();
    expect(declared.length).toBeGreaterThan(0);
    const inBicep = declared.map((c) => `${c.name} ${c.partitionKey}`).sort();
    const inCode = Object.values(CONTAINERS)
      .map((c) => `${c.id} ${c.partitionKey}`)
      .sort();
    expect(inBicep).toEqual(inCode);
  });

  it('creates the containers from that list, with hash partition keys, TTL where personal data lives, and the database', () => {
    expect(main).toMatch(/resource cosmosContainers 'Microsoft\.DocumentDB\/databaseAccounts\/sqlDatabases\/containers@[\d-]+(-preview)?' = \[for c in containers:/);
    expect(main).toMatch(/paths: \[\s+c\.partitionKey\s+\]/);
    expect(main).toMatch(/c\.personalData \? \{\s+defaultTtl: -1\s+\}/);
    for (const c of bicepContainers()) {
      if (PERSONAL_DATA.includes(c.name)) expect(`${c.name} personalData ${c.personalData}`).toBe(`${c.name} personalData true`);
    }
    expect(main).toMatch(/resource database 'Microsoft\.DocumentDB\/databaseAccounts\/sqlDatabases@/);
  });

  it('has a composite index for every ORDER BY on more than one field in the queries', () => {
    // Every query in src/, wherever its repository lives.
    const sources = (readdirSync(path.join(ROOT, 'src'), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && !f.includes('web'))
      .map((f) => read('src', f))
      .join('\n');
    const orderBys = [...sources.matchAll(/ORDER BY ([^`"'\n]+)/gi)].map((m) => (m[1] ?? '').split(',').map((p) => p.trim().split(/\s+/)[0] ?? ''));
    const allIndexes = bicepContainers()
      .map((c) => c.compositeIndexes)
      .join('\n');
    for (const fields of orderBys.filter((f) => f.length > 1)) {
      const paths = fields.map((f) => `/${f.replace(/^c\./, '').replace(/\./g, '/')}`);
      let at = -1;
      for (const p of paths) {
        at = allIndexes.indexOf(`path: '${p}'`, at + 1);
        expect(`${p} in a composite index (ORDER BY ${fields.join(', ')})`).toBe(at >= 0 ? `${p} in a composite index (ORDER BY ${fields.join(', ')})` : 'missing');
      }
    }
  });

  it('sets only app settings that src/config.ts or the platform reads', () => {
    const { names } = appSettings();
    const known = new Set<string>([...CONFIG_KEYS, ...PLATFORM_SETTINGS]);
    expect(names.filter((n) => !known.has(n))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('sets every setting production needs, and none it must not have (no Cosmos keys)', () => {
    const { names, block } = appSettings();
    expect(PRODUCTION_KEYS.filter((k) => !names.includes(k))).toEqual([]);
    expect(REQUIRED_PLATFORM_SETTINGS.filter((k) => !names.includes(k))).toEqual([]);
    expect(FORBIDDEN_IN_PRODUCTION.filter((k) => names.includes(k))).toEqual([]);
    expect(settingValue(block, 'NODE_ENV')).toBe("'production'");
    expect(settingValue(block, 'HOST')).toBe("'0.0.0.0'");
    // The client secret only for SingleTenant; a managed identity has none (botbuilder refuses one).
    expect(block).toMatch(/isMsi \? \[\] : \[\s+\{\s+name: 'MicrosoftAppPassword'/);
    expect(bicep).not.toMatch(/listKeys|listConnectionStrings|primaryMasterKey/);
  });

  it('uses the managed identity with the Cosmos DB Built-in Data Contributor role and no account keys', () => {
    expect(main).toMatch(/disableLocalAuth: true/);
    expect(main).toMatch(/'Microsoft\.ManagedIdentity\/userAssignedIdentities@/);
    expect(main).toMatch(
      /sqlRoleAssignments@[^']+' = \{[\s\S]*?roleDefinitionId: '\$\{cosmos\.id\}\/sqlRoleDefinitions\/00000000-0000-0000-0000-000000000002'[\s\S]*?principalId: identity\.properties\.principalId/,
    );
    expect(settingValue(appSettings().block, 'AZURE_CLIENT_ID')).toBe('identity.properties.clientId');
    expect(main).toMatch(/userAssignedIdentities: \{\s+'\$\{identity\.id\}': \{\}/);
  });

  it("registers the bot with the Teams channel at the web app's /api/messages, for both app types", () => {
    expect(main).toMatch(/'Microsoft\.BotService\/botServices@[^']+' = \{[\s\S]*?kind: 'azurebot'/);
    expect(main).toMatch(/endpoint: 'https:\/\/\$\{webApp\.properties\.defaultHostName\}\/api\/messages'/);
    expect(main).toMatch(/channelName: 'MsTeamsChannel'/);
    expect(main).toMatch(/msaAppMSIResourceId: identity\.id/);
    expect(main).toMatch(/msaAppTenantId: tenantId/);
    for (const type of ['SingleTenant', 'UserAssignedMSI']) expect(main).toContain(`'${type}'`);
    expect(read('src', 'platform', 'http', 'server.ts')).toContain("server.post('/api/messages'");
  });

  it('starts what the build produces and checks health on a route the server has', () => {
    const command = /appCommandLine: '([^']+)'/.exec(main)?.[1] ?? '';
    const entry = /(dist\/\S+\.js)/.exec(command)?.[1] ?? '';
    expect(entry).toBe('dist/src/main.js');
    const tsconfig = JSON.parse(read('tsconfig.json')) as { compilerOptions: { outDir: string; rootDir: string } };
    expect(path.join(tsconfig.compilerOptions.outDir, 'src', 'main.js')).toBe(entry);
    expect(read('src', 'main.ts')).toContain('startApp');
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; engines: { node: string } };
    expect(pkg.scripts.start).toContain(entry);
    expect(pkg.scripts.build).toBeDefined();
    // One build place: built before upload, never again on App Service (no Oryx build, no npm start).
    expect(settingValue(appSettings().block, 'SCM_DO_BUILD_DURING_DEPLOYMENT')).toBe("'false'");
    expect(appSettings().names).not.toContain('CUSTOM_BUILD_COMMAND');
    const stageScript = read('scripts', 'stage-deploy.ts');
    expect(stageScript).toContain(`export const ENTRY = '${entry}'`);
    expect(stageScript).toMatch(/RUNTIME_FILES = \[[^\]]*'dist\/src'/);

    const health = /healthCheckPath: '([^']+)'/.exec(main)?.[1];
    expect(read('src', 'platform', 'http', 'server.ts')).toContain(`server.get('${health}'`);

    const node = Number(/param linuxFxVersion string = 'NODE\|(\d+)-lts'/.exec(main)?.[1]);
    expect(node).toBeGreaterThanOrEqual(Number(/(\d+)/.exec(pkg.engines.node)?.[1]));
  });

  it('has a parameters file that names only parameters main.bicep declares, and every required one', () => {
    const file = JSON.parse(read('infra', 'main.parameters.json')) as { parameters: Record<string, unknown> };
    const params = [...main.matchAll(/^param (\w+) (\w+)( = .+)?$/gm)].map((m) => ({ name: m[1] ?? '', hasDefault: !!m[3] }));
    const declared = new Set(params.map((p) => p.name));
    expect(Object.keys(file.parameters).filter((p) => !declared.has(p))).toEqual([]);
    // Required parameters come from the file, or (secrets) from the command line as infra/README.md shows.
    const secure = new Set([...main.matchAll(/@secure\(\)\s+(?:@\w+\([^)]*\)\s+)*param (\w+)/g)].map((m) => m[1]));
    const missing = params.filter((p) => !p.hasDefault && !secure.has(p.name) && !(p.name in file.parameters));
    expect(missing).toEqual([]);
    const readme = read('infra', 'README.md');
    for (const s of secure) if (!params.find((p) => p.name === s)?.hasDefault) expect(readme).toContain(`${s}=`);
  });

  it('outputs what the deploy guide uses', () => {
    for (const o of ['webAppHostName', 'webAppName', 'botAppId', 'cosmosEndpoint', 'identityClientId']) {
      expect(main).toMatch(new RegExp(`^output ${o} string = `, 'm'));
    }
  });
});
