/**
 * Builds the Teams app package dist/appPackage/traffpunkt.zip from appPackage/.
 *
 *   npm run package            (MicrosoftAppId|BOT_ID, BOT_DOMAIN and optionally TEAMS_APP_ID from the environment)
 *
 * Steps: substitute ${{TEAMS_APP_ID}} / ${{BOT_ID}} / ${{BOT_DOMAIN}} (the same
 * placeholders Microsoft 365 Agents Toolkit fills from env/.env.<env>), validate manifest and
 * localization files offline against the schemas shipped in
 * @microsoft/app-manifest (no network, so CI and air-gapped builds behave the
 * same), check the icons, then zip everything at the archive root.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { inflateSync } from 'node:zlib';
import { ManifestUtil } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { crc32, PNG_SIGNATURE } from './make-icons';

export type Json = string | number | boolean | null | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** Values for the ${{NAME}} placeholders used in appPackage/. */
export interface PackageVars {
  /** The Teams app id (manifest `id`). Defaults to BOT_ID, which is what packages built before TEAMS_APP_ID existed used. */
  TEAMS_APP_ID: string;
  BOT_ID: string;
  BOT_DOMAIN: string;
}

export const DEV_BOT_ID = '00000000-0000-4000-8000-000000000001';
export const DEV_BOT_DOMAIN = 'localhost:3978';
export const ROOT_DIR = join(__dirname, '..');
export const APP_DIR = join(ROOT_DIR, 'appPackage');
export const OUT_FILE = join(ROOT_DIR, 'dist', 'appPackage', 'traffpunkt.zip');

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

// ------------------------------------------------------------------ variables

export interface ResolvedVars {
  vars: PackageVars;
  /** Non-empty when a development fallback was used. */
  warnings: string[];
  errors: string[];
}

/** Reads the placeholder values from the environment, falling back to local-development values. */
export function resolveVars(env: NodeJS.ProcessEnv): ResolvedVars {
  const warnings: string[] = [];
  const errors: string[] = [];
  const envId = (env.MicrosoftAppId || env.BOT_ID || '').trim();
  const envAppId = (env.TEAMS_APP_ID || '').trim();
  // People often paste the full endpoint URL; the manifest wants a bare host[:port].
  const envDomain = (env.BOT_DOMAIN || '')
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/+$/, '');

  const botId = envId || DEV_BOT_ID;
  const botDomain = envDomain || DEV_BOT_DOMAIN;
  // An app already in a tenant keeps its id: without TEAMS_APP_ID the manifest id stays the bot id.
  const teamsAppId = envAppId || botId;
  if (!envId) warnings.push(`MicrosoftAppId/BOT_ID is not set – using the development id ${DEV_BOT_ID}.`);
  if (!envDomain) warnings.push(`BOT_DOMAIN is not set – using ${DEV_BOT_DOMAIN}.`);
  if (warnings.length > 0) {
    warnings.push('This package is for LOCAL DEVELOPMENT ONLY (e.g. Agents Playground); do not upload it to a tenant.');
  }
  if (!GUID.test(botId)) errors.push(`MicrosoftAppId/BOT_ID must be a GUID, got "${botId}".`);
  if (envAppId && !GUID.test(envAppId)) errors.push(`TEAMS_APP_ID must be a GUID, got "${envAppId}".`);
  if (/[\s/?#"]/.test(botDomain)) errors.push(`BOT_DOMAIN must be a host name (optionally :port), got "${botDomain}".`);
  return { vars: { TEAMS_APP_ID: teamsAppId, BOT_ID: botId, BOT_DOMAIN: botDomain }, warnings, errors };
}

/** Replaces ${{NAME}} in every string value; unknown names are left for validate() to report. */
export function substitute(value: Json, vars: PackageVars): Json {
  const lookup: Record<string, string> = { ...vars };
  const walk = (v: Json): Json => {
    if (typeof v === 'string') return v.replace(PLACEHOLDER, (whole, name: string) => lookup[name] ?? whole);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: JsonObject = {};
      for (const [k, inner] of Object.entries(v)) out[k] = walk(inner);
      return out;
    }
    return v;
  };
  return walk(value);
}

// ----------------------------------------------------------------- validation

type SchemaValidator = (doc: JsonObject, schema: JsonObject) => Promise<string[]>;
// The library's signature is generic over its own manifest types; we validate plain JSON.
const validateAgainstSchema = ManifestUtil.validateManifestAgainstSchema.bind(ManifestUtil) as unknown as SchemaValidator;

function isObject(v: Json | undefined): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function readJson(file: string): JsonObject {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Json;
  if (!isObject(parsed)) throw new Error(`${file} is not a JSON object`);
  return parsed;
}

function schemaDir(manifestVersion: string): string {
  const pkgDir = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return join(pkgDir, 'build', 'json-schemas', 'teams', `v${manifestVersion}`);
}

/**
 * The shipped localization schema has patternProperties such as
 * `activityTypes\[\b(...)\b]` with an unescaped `]`, which is a syntax error
 * under the `u` flag Ajv uses (same family as
 * https://github.com/OfficeDev/microsoft-teams-app-schema/issues/190).
 * Escape the lone bracket so the schema compiles; matching is unchanged.
 */
export function fixLocalizationSchema(schema: JsonObject): JsonObject {
  const patterns = schema.patternProperties;
  if (!isObject(patterns)) return schema;
  const fixed: JsonObject = {};
  for (const [pattern, sub] of Object.entries(patterns)) fixed[pattern.replace(/\\b\]/g, '\\b\\]')] = sub;
  return { ...schema, patternProperties: fixed };
}

/** Resolves a localization key such as `bots[0].commandLists[1].commands[2].title` in the manifest. */
export function lookupKey(root: Json, key: string): Json | undefined {
  let cur: Json | undefined = root;
  for (const m of key.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (cur === undefined || cur === null || typeof cur !== 'object') return undefined;
    if (m[2] !== undefined) {
      cur = Array.isArray(cur) ? cur[Number(m[2])] : undefined;
    } else {
      cur = Array.isArray(cur) ? undefined : cur[m[1] ?? ''];
    }
  }
  return cur;
}

/** Every localizable string of the bot's commands, as localization-file keys. */
export function commandKeys(manifest: JsonObject): string[] {
  const keys: string[] = [];
  const bots = Array.isArray(manifest.bots) ? manifest.bots : [];
  bots.forEach((bot, b) => {
    const lists = isObject(bot) && Array.isArray(bot.commandLists) ? bot.commandLists : [];
    lists.forEach((list, l) => {
      const commands = isObject(list) && Array.isArray(list.commands) ? list.commands : [];
      commands.forEach((_cmd, c) => {
        keys.push(`bots[${b}].commandLists[${l}].commands[${c}].title`, `bots[${b}].commandLists[${l}].commands[${c}].description`);
      });
    });
  });
  return keys;
}

/**
 * Validates a substituted manifest and its localization files (keyed by the
 * file name used in localizationInfo). Returns human-readable errors; empty = valid.
 */
export async function validate(manifest: JsonObject, localizations: Record<string, JsonObject>): Promise<string[]> {
  const errors: string[] = [];
  for (const [file, doc] of Object.entries({ 'manifest.json': manifest, ...localizations })) {
    for (const m of JSON.stringify(doc).matchAll(PLACEHOLDER)) errors.push(`${file}: unresolved placeholder ${m[0]}`);
  }

  const version = manifest.manifestVersion;
  if (typeof version !== 'string') return [...errors, 'manifest.json: manifestVersion is missing'];
  const dir = schemaDir(version);
  if (!existsSync(join(dir, 'MicrosoftTeams.schema.json'))) {
    return [...errors, `manifest.json: no schema for manifestVersion ${version} in @microsoft/app-manifest`];
  }
  const schemaUrl = manifest.$schema;
  if (typeof schemaUrl === 'string' && !schemaUrl.endsWith(`/v${version}/MicrosoftTeams.schema.json`)) {
    errors.push(`manifest.json: $schema ${schemaUrl} does not match manifestVersion ${version}`);
  }
  for (const e of await validateAgainstSchema(manifest, readJson(join(dir, 'MicrosoftTeams.schema.json')))) {
    errors.push(`manifest.json: ${e}`);
  }

  // Localization files: each one listed must exist, validate, and only name strings the manifest has.
  const locSchema = fixLocalizationSchema(readJson(join(dir, 'MicrosoftTeams.Localization.schema.json')));
  const info = manifest.localizationInfo;
  const languages = isObject(info) && Array.isArray(info.additionalLanguages) ? info.additionalLanguages : [];
  const requiredCommandKeys = commandKeys(manifest);
  for (const lang of languages) {
    const file = isObject(lang) && typeof lang.file === 'string' ? lang.file : undefined;
    if (file === undefined) continue; // the schema check above already reported it
    const doc = localizations[file];
    if (doc === undefined) {
      errors.push(`manifest.json: localization file ${file} is missing`);
      continue;
    }
    for (const e of await validateAgainstSchema(doc, locSchema)) errors.push(`${file}: ${e}`);
    for (const key of Object.keys(doc)) {
      if (key === '$schema' || key === 'localizationKeys') continue;
      // A stale key (e.g. after reordering commands) would silently show the wrong text.
      if (typeof lookupKey(manifest, key) !== 'string') errors.push(`${file}: key "${key}" does not match a string in manifest.json`);
    }
    for (const key of requiredCommandKeys) {
      if (typeof doc[key] !== 'string') errors.push(`${file}: missing translation for ${key}`);
    }
  }
  return errors;
}

// ---------------------------------------------------------------------- icons

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

interface PngChunks {
  info: PngInfo;
  idat: Buffer;
  plte?: Buffer;
  trns?: Buffer;
}

function readChunks(png: Buffer): PngChunks {
  if (png.length < 8 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG file');
  let info: PngInfo | undefined;
  const idat: Buffer[] = [];
  let plte: Buffer | undefined;
  let trns: Buffer | undefined;
  for (let pos = 8; pos + 12 <= png.length;) {
    const length = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + length);
    if (pos + 12 + length > png.length) throw new Error(`truncated ${type} chunk`);
    if (crc32(png.subarray(pos + 4, pos + 8 + length)) !== png.readUInt32BE(pos + 8 + length)) throw new Error(`bad CRC in ${type} chunk`);
    if (type === 'IHDR') {
      info = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8] ?? 0, colorType: data[9] ?? 0, interlace: data[12] ?? 0 };
    } else if (type === 'PLTE') plte = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + length;
  }
  if (info === undefined) throw new Error('IHDR chunk missing');
  return { info, idat: Buffer.concat(idat), plte, trns };
}

/** Width, height and format from the IHDR chunk (also verifies signature and chunk CRCs). */
export function readPngInfo(png: Buffer): PngInfo {
  return readChunks(png).info;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Decodes an 8-bit, non-interlaced PNG of any colour type to RGBA. Enough for icon checks. */
export function decodePng(png: Buffer): { width: number; height: number; rgba: Uint8Array } {
  const { info, idat, plte, trns } = readChunks(png);
  const { width, height, bitDepth, colorType, interlace } = info;
  const channels = CHANNELS[colorType];
  if (bitDepth !== 8 || interlace !== 0 || channels === undefined) {
    throw new Error(`unsupported PNG format (bit depth ${bitDepth}, colour type ${colorType}, interlace ${interlace}); save as 8-bit RGBA`);
  }
  const raw = inflateSync(idat);
  const stride = width * channels;
  if (raw.length < (stride + 1) * height) throw new Error('image data is shorter than the declared size');

  // Undo the per-scanline filters (PNG spec §9).
  const px = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let x = 0; x < stride; x++) {
      const cur = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= channels ? (px[y * stride + x - channels] ?? 0) : 0;
      const b = y > 0 ? (px[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= channels && y > 0 ? (px[(y - 1) * stride + x - channels] ?? 0) : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) throw new Error(`bad filter type ${filter} on row ${y}`);
      px[y * stride + x] = (cur + pred) & 0xff;
    }
  }

  const rgba = new Uint8Array(width * height * 4);
  const at = (i: number): number => px[i] ?? 0;
  for (let i = 0; i < width * height; i++) {
    const o = i * 4;
    const s = i * channels;
    let r: number;
    let g: number;
    let b: number;
    let alpha = 255;
    if (colorType === 6) [r, g, b, alpha] = [at(s), at(s + 1), at(s + 2), at(s + 3)];
    else if (colorType === 4) [r, g, b, alpha] = [at(s), at(s), at(s), at(s + 1)];
    else if (colorType === 2) {
      [r, g, b] = [at(s), at(s + 1), at(s + 2)];
      if (trns && trns.length >= 6 && r === trns.readUInt16BE(0) && g === trns.readUInt16BE(2) && b === trns.readUInt16BE(4)) alpha = 0;
    } else if (colorType === 0) {
      r = g = b = at(s);
      if (trns && trns.length >= 2 && r === trns.readUInt16BE(0)) alpha = 0;
    } else {
      const idx = at(s);
      if (!plte || idx * 3 + 2 >= plte.length) throw new Error(`palette index ${idx} out of range`);
      [r, g, b] = [plte[idx * 3] ?? 0, plte[idx * 3 + 1] ?? 0, plte[idx * 3 + 2] ?? 0];
      alpha = trns?.[idx] ?? 255;
    }
    rgba.set([r, g, b, alpha], o);
  }
  return { width, height, rgba };
}

export interface IconFiles {
  color: Buffer;
  outline: Buffer;
  color32x32?: Buffer;
}

/** Teams' icon rules: color 192×192, outline 32×32 with only white or fully transparent pixels. */
export function checkIcons(icons: IconFiles): string[] {
  const errors: string[] = [];
  const expectSize = (name: string, png: Buffer, size: number): boolean => {
    try {
      const { width, height } = readPngInfo(png);
      if (width !== size || height !== size) errors.push(`${name}: must be ${size}×${size}, is ${width}×${height}`);
      return true;
    } catch (e) {
      errors.push(`${name}: ${(e as Error).message}`);
      return false;
    }
  };
  expectSize('color icon', icons.color, 192);
  if (icons.color32x32) expectSize('color32x32 icon', icons.color32x32, 32);
  if (expectSize('outline icon', icons.outline, 32)) {
    try {
      const { width, rgba } = decodePng(icons.outline);
      let bad = 0;
      let first = '';
      for (let i = 0; i < rgba.length; i += 4) {
        const white = rgba[i] === 255 && rgba[i + 1] === 255 && rgba[i + 2] === 255;
        if (rgba[i + 3] !== 0 && !white) {
          if (bad++ === 0) first = ` (first at x=${(i / 4) % width}, y=${Math.floor(i / 4 / width)})`;
        }
      }
      if (bad > 0) errors.push(`outline icon: ${bad} pixel(s) are neither white nor fully transparent${first}`);
    } catch (e) {
      errors.push(`outline icon: ${(e as Error).message}`);
    }
  }
  return errors;
}

// ------------------------------------------------------------------------ zip

/** Zips the given files at the archive root (Teams rejects packages with folders). */
export async function buildZip(files: Record<string, Buffer | string>): Promise<Buffer> {
  const zip = new JSZip();
  // Fixed timestamp so identical inputs give a byte-identical package.
  const date = new Date(Date.UTC(2024, 0, 1));
  for (const [name, data] of Object.entries(files)) zip.file(name, data, { date, createFolders: false });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

// ------------------------------------------------------------------- pipeline

export interface PackageOptions {
  appDir?: string;
  outFile?: string;
  env?: NodeJS.ProcessEnv;
}

export interface PackageResult {
  errors: string[];
  warnings: string[];
  manifest?: JsonObject;
  /** Set only when the package was written. */
  outFile?: string;
}

/** Reads, substitutes, validates and (if valid) writes the package. */
export async function packageApp(options: PackageOptions = {}): Promise<PackageResult> {
  const appDir = options.appDir ?? APP_DIR;
  const outFile = options.outFile ?? OUT_FILE;
  const { vars, warnings, errors } = resolveVars(options.env ?? process.env);
  if (errors.length > 0) return { errors, warnings };

  const manifest = substitute(readJson(join(appDir, 'manifest.json')), vars);
  if (!isObject(manifest)) return { errors: ['manifest.json is not a JSON object'], warnings };

  // Package exactly what the manifest references, so nothing stale slips in.
  const files: Record<string, Buffer | string> = {};
  const localizations: Record<string, JsonObject> = {};
  const info = manifest.localizationInfo;
  const languages = isObject(info) && Array.isArray(info.additionalLanguages) ? info.additionalLanguages : [];
  for (const lang of languages) {
    if (!isObject(lang) || typeof lang.file !== 'string') continue;
    const path = join(appDir, lang.file);
    if (!existsSync(path)) continue; // validate() reports the missing file
    const doc = substitute(readJson(path), vars);
    if (isObject(doc)) {
      localizations[lang.file] = doc;
      files[lang.file] = JSON.stringify(doc, null, 2);
    }
  }
  errors.push(...(await validate(manifest, localizations)));

  const iconNames = isObject(manifest.icons) ? manifest.icons : {};
  const icon = (key: string): Buffer | undefined => {
    const name = iconNames[key];
    if (typeof name !== 'string') return undefined;
    if (!existsSync(join(appDir, name))) {
      errors.push(`icons.${key}: file ${name} not found in ${appDir}`);
      return undefined;
    }
    const data = readFileSync(join(appDir, name));
    files[name] = data;
    return data;
  };
  const color = icon('color');
  const outline = icon('outline');
  const color32x32 = icon('color32x32');
  if (color && outline) errors.push(...checkIcons({ color, outline, ...(color32x32 ? { color32x32 } : {}) }));

  if (errors.length > 0) return { errors, warnings, manifest };
  files['manifest.json'] = JSON.stringify(manifest, null, 2);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, await buildZip(files));
  return { errors, warnings, manifest, outFile };
}

if (require.main === module) {
  packageApp().then(
    ({ errors, warnings, outFile }) => {
      for (const w of warnings) console.warn(`⚠ ${w}`);
      if (errors.length > 0 || !outFile) {
        console.error(`Teams app package is invalid (${errors.length} error(s)):`);
        for (const e of errors) console.error(`  ✗ ${e}`);
        process.exit(1);
      }
      console.log(`Teams app package written to ${relative(process.cwd(), outFile) || outFile}`);
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
