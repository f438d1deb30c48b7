import { CosmosClient, type Container, type Database } from '@azure/cosmos';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { CONTAINERS, type ContainerName } from './containers';
import { startEmbeddedCosmos, type EmbeddedServer } from './embedded';
import { loadSnapshot, saveSnapshot } from './snapshot';

export interface Store {
  kind: 'embedded' | 'azure';
  endpoint: string;
  database: Database;
  container(name: ContainerName): Container;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

function isLoopbackHttp(endpoint: string): boolean {
  const u = new URL(endpoint);
  return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
}

/** The one place a CosmosClient is made, for Azure and for the embedded server alike. */
export function cosmosClient(endpoint: string, key: string | undefined): CosmosClient {
  const local = isLoopbackHttp(endpoint);
  if (!key) {
    // Managed identity / developer credentials; loaded lazily so local runs never need it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { DefaultAzureCredential } = require('@azure/identity') as typeof import('@azure/identity');
    return new CosmosClient({ endpoint, aadCredentials: new DefaultAzureCredential() });
  }
  return new CosmosClient({
    endpoint,
    key,
    // A loopback server advertises https locations it does not serve. The SDK's default
    // http agent keeps connections alive (a custom agent would lose allowInsecureConnection).
    ...(local
      ? { connectionPolicy: { enableEndpointDiscovery: false } }
      : {}),
  });
}

export async function ensureContainers(database: Database): Promise<void> {
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
    embedded = await startEmbeddedCosmos();
    endpoint = embedded.endpoint;
    key = 'embedded';
  } else if (isLoopbackHttp(endpoint) && !key) {
    key = 'embedded';
  }
  const client = cosmosClient(endpoint, key);
  const { database } = await client.databases.createIfNotExists({ id: config.COSMOS_DATABASE });

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
  await ensureContainers(database);
  if (embedded) {
    savedAtWrites = embedded.writes();
    snapshotTimer = setInterval(() => void save(), config.SNAPSHOT_INTERVAL_MS);
    snapshotTimer.unref();
  }

  return {
    kind: embedded ? 'embedded' : 'azure',
    endpoint,
    database,
    container: (name) => database.container(CONTAINERS[name].id),
    ping: async () => {
      try {
        await database.read();
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
