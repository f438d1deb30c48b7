import { z } from 'zod';

// Comma/space separated list → trimmed, non-empty strings.
const list = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(/[,\s]+/).map((s) => s.trim()).filter((s) => s.length > 0));

const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().min(1).default('127.0.0.1'),
    MicrosoftAppId: z.string().trim().optional().transform((v) => (v ? v : undefined)),
    MicrosoftAppPassword: z.string().optional().transform((v) => (v ? v : undefined)),
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: z.string().trim().optional().transform((v) => (v ? v : undefined)),
    COSMOS_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    COSMOS_KEY: z.string().optional().transform((v) => (v ? v : undefined)),
    COSMOS_DATABASE: z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, 'letters, digits, - and _ only').default('traffpunkt'),
    DATA_DIR: z.string().min(1).default('.data'),
    SNAPSHOT_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
    COORDINATORS: list,
    ALLOWED_TENANTS: list,
    DEFAULT_LOCALE: z.enum(['sv', 'en']).default('sv'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PUBLIC_URL: z.url().optional(),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && !c.MicrosoftAppId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppId'],
        message: 'is required when NODE_ENV=production (local anonymous mode is for development only)',
      });
    }
    if (c.MicrosoftAppType === 'SingleTenant' && c.MicrosoftAppId && !c.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is required for SingleTenant' });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Parses the environment once; the message names every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

export function isLocalAnonymous(config: Config): boolean {
  return !config.MicrosoftAppId;
}
