import { CosmosClient, type Container, type Database } from '@azure/cosmos';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import { CONTAINERS, type ContainerName } from './containers';
import { startEmbeddedCosmos, type EmbeddedServer } from './embedded';
import { storeHttpClient } from './httpClient';
import { loadSnapshot, saveSnapshot } from './snapshot';

export interface Store {
  kind: 'embedded' | 'azure';
  endpoint: string;
  /** The embedded server's thread (Linux thread id), for bench/'s CPU accounting. */
  embeddedThreadId?: number;
  database: Database;
  container(name: ContainerName): Container;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

function isLoopbackHttp(endpoint: string): boolean {
  const u = new URL(endpoint);
  return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
}

export interface CosmosAuthOptions {
  /** Client id of a user-assigned managed identity (AZURE_CLIENT_ID); without it the credential chain decides. */
  managedIdentityClientId?: string;
  /** How long one HTTP request to the store may take (default 10000). */
  requestTimeoutMs?: number;
}

/**
 * The one place a CosmosClient is made, for Azure and for the embedded server alike. With a
 * key it uses the key; without one it uses Entra ID through DefaultAzureCredential (the
 * managed identity on App Service, `az login` or VS Code credentials on a developer machine).
 */
export function cosmosClient(endpoint: string, key: string | undefined, auth: CosmosAuthOptions = {}): CosmosClient {
  const loopback = isLoopbackHttp(endpoint);
  // A loopback server advertises https locations it does not serve. Each request gives up
  // after STORE_REQUEST_TIMEOUT_MS (the SDK's default is a minute); on a turn, sooner (httpClient.ts).
  const local = {
    httpClient: storeHttpClient({ loopback }),
    connectionPolicy: { requestTimeout: auth.requestTimeoutMs ?? 10_000, ...(loopback ? { enableEndpointDiscovery: false } : {}) },
  };
  if (!key) {
    // Loaded lazily so local runs never need it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { DefaultAzureCredential } = require('@azure/identity') as typeof import('@azure/identity');
    const credential = new DefaultAzureCredential(auth.managedIdentityClientId ? { managedIdentityClientId: auth.managedIdentityClientId } : {});
    return new CosmosClient({ endpoint, aadCredentials: credential, ...local });
  }
  return new CosmosClient({ endpoint, key, ...local });
}

export class StoreSetupError extends Error {}

/** /readyz waits this long for the store (it gives up on its own after 3 s). */
const PING_TIMEOUT_MS = 2_500;

/**
 * With Entra ID (data-plane RBAC) the app may read and write items but not create databases
 * or containers; infra/main.bicep creates them. This checks they are there, with the
 * partition keys the code expects, and names what is missing.
 */
export async function verifyContainers(database: Database): Promise<void> {
  const problems: string[] = [];
  const hint = 'Deploy infra/main.bicep (see infra/README.md).';
  try {
    await database.read();
  } catch (err) {
    if ((err as { code?: unknown }).code === 404) throw new StoreSetupError(`Cosmos DB database "${database.id}" does not exist. ${hint}`);
    throw err;
  }
  for (const c of Object.values(CONTAINERS)) {
    try {
      const { resource } = await database.container(c.id).read();
      const paths = resource?.partitionKey?.paths ?? [];
      if (paths[0] !== c.partitionKey) problems.push(`container "${c.id}" has partition key ${paths.join(',') || '(none)'}, expected ${c.partitionKey}`);
    } catch (err) {
      if ((err as { code?: unknown }).code === 404) problems.push(`container "${c.id}" is missing`);
      else throw err;
    }
  }
  if (problems.length > 0) {
    throw new StoreSetupError(`Cosmos DB database "${database.id}" does not match the code: ${problems.join('; ')}. ${hint}`);
  }
}

async function ensureContainers(database: Database): Promise<void> {
  for (const c of Object.values(CONTAINERS)) {
    await database.containers.createIfNotExists({ id: c.id, partitionKey: { paths: [c.partitionKey] } });
  }
}

export async function openStore(config: Config, logger: Logger): Promise<Store> {
  const log = logger.child({ component: 'store' });
  let embedded: EmbeddedServer | undefined;
  let endpoint = config.COSMOS_ENDPOINT;
  let key = config.COSMOS_KEY;
  if (!endpoint) {
    // Its thread ending on its own is a crash: the bot keeps answering (store unavailable) and says why.
    embedded = await startEmbeddedCosmos(0, { onExit: (err) => log.error({ err }, 'embedded Cosmos server stopped') });
    endpoint = embedded.endpoint;
    key = 'embedded';
  } else if (isLoopbackHttp(endpoint) && !key) {
    key = 'embedded';
  }
  const client = cosmosClient(endpoint, key, { managedIdentityClientId: config.AZURE_CLIENT_ID, requestTimeoutMs: config.STORE_REQUEST_TIMEOUT_MS });
  // Entra ID may not create databases or containers (infra/ does); a key may.
  const entraId = !key;
  const database = entraId ? client.database(config.COSMOS_DATABASE) : (await client.databases.createIfNotExists({ id: config.COSMOS_DATABASE })).database;

  let snapshotTimer: NodeJS.Timeout | undefined;
  let savedAtWrites = 0;
  let saving: Promise<void> = Promise.resolve();
  const file = path.resolve(config.DATA_DIR, 'cosmos-snapshot.json');
  const save = (): Promise<void> => {
    if (!embedded) return Promise.resolve();
    const server = embedded;
    saving = saving.then(async () => {
      const seen = server.writes();
      if (seen === savedAtWrites) return;
      const n = await saveSnapshot(database, file);
      savedAtWrites = seen;
      log.debug({ items: n }, 'snapshot saved');
    });
    return saving.catch((err: unknown) => log.error({ err }, 'snapshot failed'));
  };

  if (embedded) {
    const loaded = await loadSnapshot(database, file);
    log.info({ endpoint, loaded: loaded ?? 0, dataDir: config.DATA_DIR }, 'embedded Cosmos server started');
  }
  if (entraId) await verifyContainers(database);
  else await ensureContainers(database);
  if (embedded) {
    savedAtWrites = embedded.writes();
    snapshotTimer = setInterval(() => void save(), config.SNAPSHOT_INTERVAL_MS);
    snapshotTimer.unref();
  }

  return {
    kind: embedded ? 'embedded' : 'azure',
    endpoint,
    ...(embedded?.osThreadId !== undefined ? { embeddedThreadId: embedded.osThreadId } : {}),
    database,
    container: (name) => database.container(CONTAINERS[name].id),
    ping: async () => {
      try {
        await database.read({ abortSignal: AbortSignal.timeout(PING_TIMEOUT_MS) });
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      if (snapshotTimer) clearInterval(snapshotTimer);
      await save();
      client.dispose();
      await embedded?.close();
    },
  };
}
