/**
 * Point operations of the same moment go to the store together (src/platform/cosmos/batch.ts),
 * through the real @azure/cosmos client against the embedded server: each caller gets what a
 * point request would have given it (the document, null, 409, 412), in fewer round trips, and
 * a store that goes away fails every waiting caller the way a point request would.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Container, CosmosClient } from '@azure/cosmos';
import { pointOp } from '../../src/platform/cosmos/batch';
import { cosmosClient } from '../../src/platform/cosmos/client';
import { startEmbeddedCosmos, type EmbeddedServer } from '../../src/platform/cosmos/embedded';
import { isConflict, isPreconditionFailed, isStoreUnavailable } from '../../src/platform/cosmos/errors';
import { StoreDeadlineError } from '../../src/platform/cosmos/httpClient';
import { inTurnScope } from '../../src/kernel/turnScope';
import { TcpProxy } from '../support/tcpProxy';

describe('batched point operations', () => {
  let cosmos: EmbeddedServer;
  let proxy: TcpProxy;
  let client: CosmosClient;
  let container: Container;
  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos();
    proxy = new TcpProxy(Number(new URL(cosmos.endpoint).port));
    await proxy.start();
    client = cosmosClient(`http://127.0.0.1:${proxy.port}`, 'local', { requestTimeoutMs: 2_000 });
    const { database } = await client.databases.createIfNotExists({ id: 'batch' });
    ({ container } = await database.containers.createIfNotExists({ id: 'people', partitionKey: { paths: ['/pk'] } }));
    for (let i = 0; i < 60; i++) await container.items.create({ id: `p${i}`, pk: `p${i}`, n: i });
  });
  afterAll(async () => {
    client.dispose();
    await proxy.stop();
    await cosmos.close();
  });

  it('reads made together come back as a point read would give them, in fewer requests', async () => {
    const bulk = jest.spyOn(container.items, 'bulk');
    try {
      const ids = [...Array.from({ length: 60 }, (_, i) => `p${i}`), 'p7', 'p7', 'p7', 'missing'];
      const got = await Promise.all(ids.map((id) => pointOp(container, { kind: 'read', id, pk: id })));
      ids.forEach((id, i) => {
        if (id === 'missing') expect(got[i]).toBeNull();
        else expect(got[i]).toMatchObject({ resource: { id, pk: id, n: Number(id.slice(1)) }, etag: expect.any(String) });
      });
      // One point read for the first, the rest in bulk requests of at most 100: far fewer than 64.
      expect(bulk.mock.calls.length).toBeGreaterThan(0);
      expect(bulk.mock.calls.length).toBeLessThan(5);
      // The same document read three times in one batch is one operation.
      const sent = bulk.mock.calls.flatMap((c) => c[0]).filter((op) => op.operationType === 'Read' && 'id' in op && op.id === 'p7');
      expect(sent.length).toBeLessThanOrEqual(1);
    } finally {
      bulk.mockRestore();
    }
  });

  it('writes made together answer each caller: created, 409 for a twin, 412 for a stale ETag', async () => {
    const current = await pointOp(container, { kind: 'read', id: 'p1', pk: 'p1' });
    const etag = current?.etag ?? '';
    const results = await Promise.allSettled([
      pointOp(container, { kind: 'create', pk: 'new1', body: { id: 'new1', pk: 'new1' } }),
      pointOp(container, { kind: 'create', pk: 'p2', body: { id: 'p2', pk: 'p2' } }),
      pointOp(container, { kind: 'replace', id: 'p1', pk: 'p1', body: { id: 'p1', pk: 'p1', n: 100 }, ifMatch: etag }),
      pointOp(container, { kind: 'replace', id: 'p1', pk: 'p1', body: { id: 'p1', pk: 'p1', n: 200 }, ifMatch: etag }),
    ]);
    const [created, twin, replaced, stale] = results;
    expect(created.status).toBe('fulfilled');
    expect(twin.status === 'rejected' && isConflict(twin.reason)).toBe(true);
    expect(replaced.status).toBe('fulfilled');
    expect(stale.status === 'rejected' && isPreconditionFailed(stale.reason)).toBe(true);
    // What was written is what the store holds; the stale replace changed nothing.
    const { resource } = await container.item('p1', 'p1').read<{ n: number }>();
    expect(resource?.n).toBe(100);
    expect(replaced.status === 'fulfilled' && replaced.value?.etag).not.toBe(etag);
    expect((await container.item('new1', 'new1').read()).resource).toBeDefined();
  });

  it('a turn whose deadline has passed gets "try again" and sends nothing', async () => {
    const bulk = jest.spyOn(container.items, 'bulk');
    try {
      await expect(inTurnScope(0, () => pointOp(container, { kind: 'create', pk: 'late', body: { id: 'late', pk: 'late' } }))).rejects.toBeInstanceOf(StoreDeadlineError);
      expect(bulk).not.toHaveBeenCalled();
      expect(await pointOp(container, { kind: 'read', id: 'late', pk: 'late' })).toBeNull();
    } finally {
      bulk.mockRestore();
    }
  });

  it('when the store goes away, every waiting caller fails as unavailable, and all is well once it is back', async () => {
    await proxy.cut();
    try {
      const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => pointOp(container, { kind: 'read', id: `p${i}`, pk: `p${i}` })));
      for (const r of results) expect(r.status === 'rejected' && isStoreUnavailable(r.reason)).toBe(true);
    } finally {
      await proxy.restore();
    }
    const again = await Promise.all(Array.from({ length: 20 }, (_, i) => pointOp(container, { kind: 'read', id: `p${i}`, pk: `p${i}` })));
    expect(again.map((r) => r?.resource.id)).toEqual(Array.from({ length: 20 }, (_, i) => `p${i}`));
  }, 30_000);
});
