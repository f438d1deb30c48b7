import type restify from 'restify';
import { z } from 'zod';
import { isLocalAnonymous, type Config } from '../../../config';
import { TabTokenVerifier, type TokenFailure } from './token';

// Who is calling the tab's API. With an app id configured: only a valid Entra ID token for the
// app, the user taken from its `oid`. In local anonymous mode (no app id, never production) the
// page may name a development identity in DEV_USER_HEADER instead; with an app id that header
// is never read.

export const DEV_USER_HEADER = 'x-traffpunkt-dev-user';

const AadObjectIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);

export interface Caller {
  aadObjectId: string;
  tenantId?: string | undefined;
  /** From the token; the directory's stored name wins where there is one. */
  name?: string | undefined;
}

type Identified = { ok: true; caller: Caller } | { ok: false; status: 401 | 503; reason: TokenFailure | 'devIdentity' };

export interface Identify {
  readonly mode: 'teams' | 'local';
  identify(req: restify.Request): Promise<Identified>;
}

/** The audiences the app's tokens carry: TAB_AUDIENCE, else api://<public host>/<app id> and the app id. */
function tabAudiences(config: Config): string[] {
  if (config.TAB_AUDIENCE.length > 0) return config.TAB_AUDIENCE;
  const appId = config.MicrosoftAppId;
  if (!appId) return [];
  const host = config.PUBLIC_URL ? new URL(config.PUBLIC_URL).host : undefined;
  return [...(host ? [`api://${host}/${appId}`] : []), appId];
}

export function createIdentify(config: Config): Identify {
  if (isLocalAnonymous(config)) {
    return {
      mode: 'local',
      identify: async (req) => {
        const id = AadObjectIdSchema.safeParse(req.header(DEV_USER_HEADER));
        return id.success ? { ok: true, caller: { aadObjectId: id.data } } : { ok: false, status: 401, reason: 'devIdentity' };
      },
    };
  }
  if (config.NODE_ENV === 'production' && config.TAB_JWKS_URL && !config.TAB_JWKS_URL.startsWith('https://')) {
    throw new Error('TAB_JWKS_URL must be https when NODE_ENV=production');
  }
  const verifier = new TabTokenVerifier({
    audiences: tabAudiences(config),
    allowedTenants: config.ALLOWED_TENANTS,
    ...(config.TAB_JWKS_URL ? { jwksUrl: config.TAB_JWKS_URL } : {}),
    timeoutMs: config.AUTH_TIMEOUT_MS ?? 5000,
  });
  return {
    mode: 'teams',
    identify: async (req) => {
      const checked = await verifier.verifyHeader(req.header('authorization') || undefined);
      if (!checked.ok) return { ok: false, status: checked.reason === 'unavailable' ? 503 : 401, reason: checked.reason };
      return { ok: true, caller: { aadObjectId: checked.claims.oid, tenantId: checked.claims.tid, name: checked.claims.name } };
    },
  };
}
