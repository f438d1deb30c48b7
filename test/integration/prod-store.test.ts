import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { CONTAINERS } from '../../src/platform/cosmos/containers';
import { cosmosClient, StoreSetupError, verifyContainers } from '../../src/platform/cosmos/client';
import { startEmbeddedCosmos, type EmbeddedServer } from '../../src/platform/cosmos/embedded';
import { startHarness } from '../support/harness';

// Production store wiring: Entra ID (managed identity) instead of keys, containers made by
// infra/ and only checked by the app, and /readyz following the store.

const credentialOptions: unknown[] = [];

// No Azure here: DefaultAzureCredential is replaced by one that records how it was made.
jest.mock('@azure/identity', () => ({
  DefaultAzureCredential: class {
    constructor(options: unknown) {
      credentialOptions.push(options);
    }
    getToken() {
      return Promise.resolve({ token: 'fake-entra-token', expiresOnTimestamp: Date.now() + 3_600_000 });
    }
  },
}));

describe('Cosmos DB with Entra ID (no key)', () => {
  let cosmos: EmbeddedServer;
  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos();
  });
  afterAll(async () => {
    await cosmos.close();
  });

  it('uses DefaultAzureCredential with the user-assigned identity from AZURE_CLIENT_ID', () => {
    // (The SDK sends bearer tokens over https only, so this stops short of a request.)
    cosmosClient('https://traffpunkt.documents.azure.com:443/', undefined, { managedIdentityClientId: '11111111-2222-3333-4444-555555555555' }).dispose();
    expect(credentialOptions).toEqual([{ managedIdentityClientId: '11111111-2222-3333-4444-555555555555' }]);
  });

  it('does not make a credential when a key is given', () => {
    cosmosClient(cosmos.endpoint, 'key').dispose();
    expect(credentialOptions).toHaveLength(1);
  });

  it('uses the credential chain as is without AZURE_CLIENT_ID', () => {
    cosmosClient(cosmos.endpoint, undefined).dispose();
    expect(credentialOptions[credentialOptions.length - 1]).toEqual({});
  });

  it('checks that infra/ made every container with its partition key, and names what is missing or wrong', async () => {
    const admin = cosmosClient(cosmos.endpoint, 'key');
    try {
      const { database } = await admin.databases.createIfNotExists({ id: 'verify' });
      const entries = Object.values(CONTAINERS);
      const [first, second, ...rest] = entries;
      if (!first || !second) throw new Error('expected containers');
      for (const c of rest) await database.containers.createIfNotExists({ id: c.id, partitionKey: { paths: [c.partitionKey] } });
      await database.containers.createIfNotExists({ id: second.id, partitionKey: { paths: ['/wrong'] } });

      const err = await verifyContainers(database).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(StoreSetupError);
      expect(String((err as Error).message)).toContain(`"${first.id}" is missing`);
      expect(String((err as Error).message)).toContain(`"${second.id}" has partition key /wrong`);
      expect(String((err as Error).message)).toContain('infra/main.bicep');

      await database.containers.createIfNotExists({ id: first.id, partitionKey: { paths: [first.partitionKey] } });
      await database.container(second.id).delete();
      await database.containers.createIfNotExists({ id: second.id, partitionKey: { paths: [second.partitionKey] } });
      await expect(verifyContainers(database)).resolves.toBeUndefined();

      await expect(verifyContainers(admin.database('does-not-exist'))).rejects.toThrow(/does not exist/);
    } finally {
      admin.dispose();
    }
  });
});

describe('/readyz follows the store, /healthz does not', () => {
  it('answers 503 when the store stops answering and 200 on /healthz all the same', async () => {
    const cosmos = await startEmbeddedCosmos();
    const h = await startHarness({ env: { COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: 'local' } });
    try {
      expect((await fetch(`${h.app.url}/readyz`)).status).toBe(200);
      await cosmos.close();
      const started = Date.now();
      const ready = await fetch(`${h.app.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'store unavailable', store: 'azure' });
      expect(Date.now() - started).toBeLessThan(5_000);
      const live = await fetch(`${h.app.url}/healthz`);
      expect(live.status).toBe(200);
    } finally {
      await h.close();
    }
  });
});
