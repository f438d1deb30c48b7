import { z } from 'zod';

// Comma/space separated list → trimmed, non-empty strings.
const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(/[,\s]+/)
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

// Every environment variable the code reads. A variable that is set but blank counts as unset
// (App Service and .env files often carry `NAME=`), so its default applies.
const Fields = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().min(1).default('127.0.0.1'),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalText,
  /** OpenID metadata URL for tokens from the channel; tests point it at a local server. Refused in production. */
  BotOpenIdMetadata: z.url({ protocol: /^https?$/ }).optional(),
  /** How long fetching the token signing keys may take before a request gets 503 (default 5000). */
  AUTH_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).optional(),
  /** How long SIGTERM waits for requests in flight before closing (default 10000). */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).optional(),
  COSMOS_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  COSMOS_KEY: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  COSMOS_DATABASE: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,255}$/, 'letters, digits, - and _ only')
    .default('traffpunkt'),
  /** Client id of the user-assigned managed identity used for Cosmos DB (Entra ID auth). */
  AZURE_CLIENT_ID: optionalText,
  /** How long one request to Cosmos DB may take outside a turn (default 10000). */
  STORE_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** How long a turn may wait on the store in all before it answers "try again" (default 4000, so the answer comes inside 5 s; Teams gives up after about 10–15 s). */
  STORE_TURN_BUDGET_MS: z.coerce.number().int().min(100).max(30_000).default(4_000),
  DATA_DIR: z.string().min(1).default('.data'),
  SNAPSHOT_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
  COORDINATORS: list,
  ALLOWED_TENANTS: list,
  DEFAULT_LOCALE: z.enum(['sv', 'en']).default('sv'),
  /**
   * Local anonymous mode only (npm run playground, whose client always sends en-US): the language
   * used instead of the locale Teams sends. A language the person chose still wins. Refused at
   * start-up with app credentials, so a real deployment never honours it.
   */
  LOCALE_OVERRIDE: z.enum(['sv', 'en']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Application Insights; read by src/platform/telemetry.ts at start-up, before this schema (telemetry stays off without it). */
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalText,
  PUBLIC_URL: z.url().optional(),
  /** Signs links the bot hands out (calendar files); random per process when unset, so set it when running several instances. */
  LINK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Proactive messages per second from this instance (Teams allows about 50 per app and tenant: divide among instances). */
  SEND_RATE_PER_SECOND: z.coerce.number().positive().max(50).default(50),
  /**
   * false: this instance plans nothing and sends nothing; jobs its turns enqueue are only written,
   * for an instance with the scheduler enabled on the same store to send.
   */
  SCHEDULER_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** How long an instance holds due jobs; a crashed instance's jobs are taken over after this. */
  SCHEDULER_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
  // attendance: Microsoft Graph attendance reports, fetched when all three credentials are set.
  /** Graph API root (default https://graph.microsoft.com/v1.0); tests point it at a local fake. */
  GRAPH_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Where app-only tokens come from (default https://login.microsoftonline.com). */
  GRAPH_AUTHORITY: z.url({ protocol: /^https?$/ }).optional(),
  GRAPH_TENANT_ID: optionalText,
  GRAPH_CLIENT_ID: optionalText,
  GRAPH_CLIENT_SECRET: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** Token scope (default https://graph.microsoft.com/.default). */
  GRAPH_SCOPE: optionalText,
  /** Wait after a meeting ends before asking Graph for its report (default 300000: reports take minutes). */
  GRAPH_FETCH_DELAY_MS: z.coerce.number().int().min(0).max(86_400_000).optional(),
  // tab: the Teams tab's API (src/features/tab) checks Entra ID SSO tokens.
  /** Signing keys of the tab's SSO tokens; `{tenant}` becomes the token's tenant id (default: Entra ID's per-tenant key set). Tests serve their own. */
  TAB_JWKS_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'must be an http(s) URL')
    .optional(),
  /** Token audiences the tab's API accepts (default: api://<PUBLIC_URL host>/<MicrosoftAppId> and the app id). */
  TAB_AUDIENCE: list,
  // privacy (src/features/privacy): retention of personal data and of the access log, in months.
  /** Personal data of an activity is removed this long after its last session. */
  RETENTION_MONTHS: z.coerce.number().int().min(1).max(240).default(24),
  /** Free text of survey answers is removed sooner. */
  SURVEY_TEXT_RETENTION_MONTHS: z.coerce.number().int().min(1).max(240).default(12),
  ACCESS_LOG_RETENTION_MONTHS: z.coerce.number().int().min(1).max(240).default(24),
  /** How often the purge runs (default hourly; it is idempotent and safe on several instances). */
  PRIVACY_PURGE_EVERY_MS: z.coerce.number().int().min(0).max(86_400_000).default(3_600_000),
});

export type Config = z.infer<typeof Fields>;
export type ConfigKey = keyof typeof Fields.shape;

/** Every environment variable name src/config.ts reads (infra/ is checked against it). */
export const CONFIG_KEYS = Object.keys(Fields.shape) as ConfigKey[];

/**
 * What a production deployment on Azure must set explicitly (infra/main.bicep does). The
 * rest either has a production-safe default, is for the embedded store only (DATA_DIR,
 * SNAPSHOT_INTERVAL_MS), is set by the platform (PORT), or depends on the app type
 * (MicrosoftAppPassword for SingleTenant only).
 */
export const PRODUCTION_KEYS: readonly ConfigKey[] = [
  'NODE_ENV',
  'HOST',
  'MicrosoftAppId',
  'MicrosoftAppType',
  'MicrosoftAppTenantId',
  'COSMOS_ENDPOINT',
  'COSMOS_DATABASE',
  'AZURE_CLIENT_ID',
  'ALLOWED_TENANTS',
  'COORDINATORS',
  'LOG_LEVEL',
  'LINK_SECRET',
];

/** Names that must never appear in a production deployment's settings. */
export const FORBIDDEN_IN_PRODUCTION: readonly ConfigKey[] = ['COSMOS_KEY', 'BotOpenIdMetadata', 'LOCALE_OVERRIDE'];

interface Issue {
  path: string;
  message: string;
}

type Parsed = { [K in ConfigKey]?: Config[K] };

/** Rules across variables. They run on every variable that parsed, even when others failed. */
function crossChecks(c: Parsed): Issue[] {
  const issues: Issue[] = [];
  const production = c.NODE_ENV === 'production';
  if (production && !c.MicrosoftAppId) {
    issues.push({ path: 'MicrosoftAppId', message: 'is required when NODE_ENV=production (local anonymous mode is for development only)' });
  }
  if (production && !c.COSMOS_ENDPOINT) {
    issues.push({ path: 'COSMOS_ENDPOINT', message: 'is required when NODE_ENV=production (the embedded store is for trying and developing)' });
  }
  if (production && c.BotOpenIdMetadata) {
    issues.push({ path: 'BotOpenIdMetadata', message: 'must not be set when NODE_ENV=production (it is for tests)' });
  }
  if (c.LOCALE_OVERRIDE && (c.MicrosoftAppId || production)) {
    issues.push({ path: 'LOCALE_OVERRIDE', message: "is for local anonymous mode only (npm run playground); in Teams each user's language applies" });
  }
  if (c.MicrosoftAppId) {
    const type = c.MicrosoftAppType;
    if ((type === 'SingleTenant' || type === 'UserAssignedMSI') && !c.MicrosoftAppTenantId) {
      issues.push({ path: 'MicrosoftAppTenantId', message: `is required for ${type}` });
    }
    if (type === 'SingleTenant' && !c.MicrosoftAppPassword) {
      issues.push({ path: 'MicrosoftAppPassword', message: 'is required for SingleTenant (the Entra app client secret)' });
    }
    if (type === 'MultiTenant' && production && !c.MicrosoftAppPassword) {
      issues.push({ path: 'MicrosoftAppPassword', message: 'is required for MultiTenant' });
    }
    if (type === 'UserAssignedMSI' && c.MicrosoftAppPassword) {
      issues.push({ path: 'MicrosoftAppPassword', message: 'must not be set for UserAssignedMSI (the managed identity has no password)' });
    }
  }
  return issues;
}

export class ConfigError extends Error {}

/** Parses the environment once; the message names every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input: Record<string, string> = {};
  for (const key of CONFIG_KEYS) {
    const v = env[key];
    if (typeof v === 'string' && v.trim() !== '') input[key] = v;
  }
  const result = Fields.safeParse(input);
  const issues: Issue[] = result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.') || '(environment)', message: i.message }));

  // Cross-field rules see each variable that is valid on its own.
  const values: Parsed = {};
  for (const key of CONFIG_KEYS) {
    const one = Fields.shape[key].safeParse(input[key]);
    if (one.success) (values as Record<string, unknown>)[key] = one.data;
  }
  issues.push(...crossChecks(values));

  if (result.success && issues.length === 0) return result.data;
  const lines = issues.map((i) => `  ${i.path}: ${i.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

export function isLocalAnonymous(config: Config): boolean {
  return !config.MicrosoftAppId;
}
