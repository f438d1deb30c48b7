import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { encodePng } from '../../scripts/make-icons';
import {
  APP_DIR,
  buildZip,
  checkIcons,
  commandKeys,
  DEV_BOT_DOMAIN,
  DEV_BOT_ID,
  type JsonObject,
  lookupKey,
  packageApp,
  readPngInfo,
  resolveVars,
  substitute,
  validate,
} from '../../scripts/package-app';

// @microsoft/app-manifest requires the ESM-only strip-bom, which Jest cannot require() on Node < 24.9
// (plain node/tsx can). Schema validation never reads files through it, so a CJS stand-in suffices.
jest.mock('strip-bom', () => ({ __esModule: true, default: (s: string): string => s.replace(/^\uFEFF/, '') }));

const VARS = {
  TEAMS_APP_ID: '9d1e0a7b-2222-4333-8444-abcdef012345',
  BOT_ID: '3f2b1c4d-1111-4222-8333-123456789abc',
  BOT_DOMAIN: 'traffpunkt.example.se',
};

function load(file: string): JsonObject {
  return JSON.parse(readFileSync(join(APP_DIR, file), 'utf8')) as JsonObject;
}

function substituted(file: string): JsonObject {
  return substitute(load(file), VARS) as JsonObject;
}

const icons = { color: readFileSync(join(APP_DIR, 'color.png')), outline: readFileSync(join(APP_DIR, 'outline.png')) };

describe('Teams manifest', () => {
  it('uses manifest schema 1.30 in the manifest and its localization file', () => {
    const manifest = load('manifest.json');
    expect(manifest.manifestVersion).toBe('1.30');
    expect(manifest.$schema).toBe('https://developer.microsoft.com/en-us/json-schemas/teams/v1.30/MicrosoftTeams.schema.json');
    expect(load('en.json').$schema).toBe('https://developer.microsoft.com/en-us/json-schemas/teams/v1.30/MicrosoftTeams.Localization.schema.json');
    // The Teams app id and the bot id are separate placeholders (Agents Toolkit: TEAMS_APP_ID vs BOT_ID).
    expect(manifest.id).toBe('${{TEAMS_APP_ID}}');
    expect(lookupKey(manifest, 'bots[0].botId')).toBe('${{BOT_ID}}');
  });

  it('validates with zero errors once placeholders are substituted', async () => {
    const manifest = substituted('manifest.json');
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(manifest.id).toBe(VARS.TEAMS_APP_ID);
    expect(lookupKey(manifest, 'bots[0].botId')).toBe(VARS.BOT_ID);
    expect(lookupKey(manifest, 'webApplicationInfo.id')).toBe(VARS.BOT_ID);
    expect(await validate(manifest, { 'en.json': substituted('en.json') })).toEqual([]);
  });

  it('reports unresolved placeholders and invalid GUIDs when not substituted', async () => {
    const errors = await validate(load('manifest.json'), { 'en.json': load('en.json') });
    expect(errors.some((e) => e.includes('unresolved placeholder ${{BOT_ID}}'))).toBe(true);
    expect(errors.some((e) => e.includes('unresolved placeholder ${{TEAMS_APP_ID}}'))).toBe(true);
    expect(errors.some((e) => e.includes('/id must match pattern'))).toBe(true);
  });

  it('rejects a bot without scopes', async () => {
    const manifest = substituted('manifest.json');
    const bot = lookupKey(manifest, 'bots[0]') as JsonObject;
    delete bot.scopes;
    const errors = await validate(manifest, { 'en.json': substituted('en.json') });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(/bots\/0.*scopes/);
  });

  it('rejects a missing or stale localization file', async () => {
    const manifest = substituted('manifest.json');
    expect(await validate(manifest, {})).toContain('manifest.json: localization file en.json is missing');
    const en = { ...substituted('en.json'), 'bots[0].commandLists[0].commands[11].title': 'ghost' };
    expect((await validate(manifest, { 'en.json': en })).join('\n')).toContain('does not match a string in manifest.json');
  });

  it('has an English localization for every bot command', () => {
    const manifest = load('manifest.json');
    const en = load('en.json');
    const keys = commandKeys(manifest);
    // 3 scopes × 5 commands × (title + description)
    expect(keys).toHaveLength(30);
    for (const key of keys) {
      expect(typeof lookupKey(manifest, key)).toBe('string');
      expect(typeof en[key] === 'string' && en[key] !== '').toBe(true);
    }
    expect(new Set(keys.filter((k) => k.endsWith('.title')).map((k) => lookupKey(manifest, k)))).toEqual(new Set(['hjälp', 'ny aktivitet', 'publicera', 'mina anmälningar', 'aktiviteter']));
  });
});

describe('environment', () => {
  it('falls back to development values with a warning', () => {
    const { vars, warnings, errors } = resolveVars({});
    expect(vars).toEqual({ TEAMS_APP_ID: DEV_BOT_ID, BOT_ID: DEV_BOT_ID, BOT_DOMAIN: DEV_BOT_DOMAIN });
    expect(warnings.join(' ')).toMatch(/local development only/i);
    expect(errors).toEqual([]);
  });

  it('prefers MicrosoftAppId and normalises a URL-shaped BOT_DOMAIN', () => {
    const { vars, warnings } = resolveVars({ MicrosoftAppId: VARS.BOT_ID, BOT_ID: DEV_BOT_ID, BOT_DOMAIN: 'https://traffpunkt.example.se/', TEAMS_APP_ID: VARS.TEAMS_APP_ID });
    expect(vars).toEqual(VARS);
    expect(warnings).toEqual([]);
  });

  it('keeps the bot id as the Teams app id when TEAMS_APP_ID is not set (apps already in a tenant keep their id)', () => {
    const { vars, warnings, errors } = resolveVars({ MicrosoftAppId: VARS.BOT_ID, BOT_DOMAIN: VARS.BOT_DOMAIN });
    expect(vars.TEAMS_APP_ID).toBe(VARS.BOT_ID);
    expect(warnings).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('rejects a non-GUID Teams app id', () => {
    expect(resolveVars({ BOT_ID: VARS.BOT_ID, BOT_DOMAIN: 'x.se', TEAMS_APP_ID: 'app' }).errors).toEqual(['TEAMS_APP_ID must be a GUID, got "app".']);
  });

  it('rejects a non-GUID app id', () => {
    expect(resolveVars({ BOT_ID: 'not-a-guid', BOT_DOMAIN: 'x.se' }).errors).toHaveLength(1);
  });
});

describe('icons', () => {
  it('have the sizes Teams requires', () => {
    expect(readPngInfo(icons.color)).toMatchObject({ width: 192, height: 192 });
    expect(readPngInfo(icons.outline)).toMatchObject({ width: 32, height: 32 });
    expect(checkIcons(icons)).toEqual([]);
  });

  it('rejects a wrongly sized colour icon and a coloured outline icon', () => {
    const red = new Uint8Array(32 * 32 * 4);
    for (let i = 0; i < red.length; i += 4) red.set([200, 0, 0, 255], i);
    const errors = checkIcons({ color: encodePng(32, 32, red), outline: encodePng(32, 32, red) });
    expect(errors).toEqual(['color icon: must be 192×192, is 32×32', 'outline icon: 1024 pixel(s) are neither white nor fully transparent (first at x=0, y=0)']);
  });
});

describe('package', () => {
  it('zips the four files at the root with no placeholders left', async () => {
    const zip = await JSZip.loadAsync(
      await buildZip({
        'manifest.json': JSON.stringify(substituted('manifest.json')),
        'en.json': JSON.stringify(substituted('en.json')),
        'color.png': icons.color,
        'outline.png': icons.outline,
      }),
    );
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
    const manifest = await zip.file('manifest.json')?.async('string');
    expect(manifest).toBeDefined();
    expect(manifest).not.toContain('${{');
  });

  it('builds the package end to end from appPackage/', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'traffpunkt-pkg-'));
    try {
      const result = await packageApp({ outFile: join(dir, 'traffpunkt.zip'), env: { MicrosoftAppId: VARS.BOT_ID, BOT_DOMAIN: VARS.BOT_DOMAIN, TEAMS_APP_ID: VARS.TEAMS_APP_ID } });
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([]);
      const zip = await JSZip.loadAsync(readFileSync(join(dir, 'traffpunkt.zip')));
      expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
      const manifest = JSON.parse((await zip.file('manifest.json')?.async('string')) ?? '{}') as JsonObject;
      expect(JSON.stringify(manifest)).not.toContain('${{');
      expect(lookupKey(manifest, 'webApplicationInfo.resource')).toBe(`api://${VARS.BOT_DOMAIN}/${VARS.BOT_ID}`);
      expect(manifest.id).toBe(VARS.TEAMS_APP_ID);
      expect(manifest.manifestVersion).toBe('1.30');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
