/**
 * Kept-alive connections to the store end on the client's side. A socket the client reuses at
 * the moment the server closes it idle ends in ECONNRESET (it killed the process ~6 s after
 * start, when the embedded server closed idle sockets after 5 s, exactly as the client reused
 * them). The client now drops idle sockets after CLIENT_IDLE_SOCKET_MS, well inside the
 * server's keep-alive, so the server never closes one the client may pick up.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cosmosClient } from '../../src/platform/cosmos/client';
import { startEmbeddedCosmos, type EmbeddedServer } from '../../src/platform/cosmos/embedded';
import { CLIENT_IDLE_SOCKET_MS } from '../../src/platform/cosmos/httpClient';
import { TcpProxy } from '../support/tcpProxy';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('kept-alive store connections', () => {
  let cosmos: EmbeddedServer;
  let proxy: TcpProxy;
  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos();
    proxy = new TcpProxy(Number(new URL(cosmos.endpoint).port));
    await proxy.start();
  });
  afterAll(async () => {
    await proxy.stop();
    await cosmos.close();
  });

  it('are closed by the client when idle, before the server would, and the next call opens a new one', async () => {
    const client = cosmosClient(`http://127.0.0.1:${proxy.port}`, 'local');
    try {
      const { database } = await client.databases.createIfNotExists({ id: 'keepalive' });
      const { container } = await database.containers.createIfNotExists({ id: 'c', partitionKey: { paths: ['/pk'] } });
      await container.items.upsert({ id: 'a', pk: 'a' });
      const opened = proxy.stats.connections;
      expect(opened).toBeGreaterThan(0);
      // Reused while busy: no new connection for back-to-back calls.
      for (let i = 0; i < 20; i++) await container.item('a', 'a').read();
      expect(proxy.stats.connections).toBe(opened);

      await sleep(CLIENT_IDLE_SOCKET_MS + 1_000);
      expect(proxy.stats.endedByClient).toBe(opened);
      expect(proxy.stats.endedByServer).toBe(0);

      const { resource } = await container.item('a', 'a').read();
      expect(resource?.id).toBe('a');
      expect(proxy.stats.connections).toBe(opened + 1);
    } finally {
      client.dispose();
    }
  }, 30_000);
});
