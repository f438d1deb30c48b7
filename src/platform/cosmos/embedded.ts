import { createHttpServer } from '@vercel/cosmosdb-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EmbeddedServer {
  endpoint: string;
  /** Number of writes seen so far; the snapshotter compares it to know whether anything changed. */
  writes(): number;
  close(): Promise<void>;
}

/** Starts the Cosmos-protocol server in this process on loopback, with keep-alive. */
export async function startEmbeddedCosmos(port = 0): Promise<EmbeddedServer> {
  const server: Server = createHttpServer({ keepAlive: true });
  // Longer than the client keeps an idle socket (httpClient.ts), so the client always closes
  // first and never reuses a socket the server is closing (ECONNRESET).
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 35_000;
  let writes = 0;
  server.on('request', (req) => {
    const isQuery = req.headers['x-ms-documentdb-isquery'] !== undefined;
    if (req.method !== 'GET' && req.method !== 'HEAD' && !isQuery) writes++;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${actual}`,
    writes: () => writes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
