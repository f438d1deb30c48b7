/**
 * The embedded Cosmos-protocol server's own thread (started by embedded.ts). The server parses,
 * queries and serializes on this thread, so the bot's event loop pays only its client's half
 * of each store call, and the two halves run on different cores.
 */
import { createHttpServer } from '@vercel/cosmosdb-server';
import type { Server } from 'node:http';
import { readlinkSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

export interface EmbeddedWorkerData {
  port: number;
  /** One BigInt64 the server adds each write to; the bot's snapshotter reads it without a round trip. */
  writes: SharedArrayBuffer;
}

export type EmbeddedWorkerMessage = { listening: number; osThreadId?: number } | { failed: string } | { closed: true };

const data = workerData as EmbeddedWorkerData;
const writes = new BigInt64Array(data.writes);
const port = parentPort;

const server: Server = createHttpServer({ keepAlive: true });
// Longer than the client keeps an idle socket (httpClient.ts), so the client always closes
// first and never reuses a socket the server is closing (ECONNRESET).
server.keepAliveTimeout = 30_000;
server.headersTimeout = 35_000;
server.on('request', (req) => {
  const isQuery = req.headers['x-ms-documentdb-isquery'] !== undefined;
  if (req.method !== 'GET' && req.method !== 'HEAD' && !isQuery) Atomics.add(writes, 0, 1n);
});
server.once('error', (err) => port?.postMessage({ failed: err.message } satisfies EmbeddedWorkerMessage));
server.listen(data.port, '127.0.0.1', () => {
  port?.postMessage({ listening: (server.address() as AddressInfo).port, ...osThreadId() } satisfies EmbeddedWorkerMessage);
});

/** This thread's id on Linux (/proc/thread-self → "<pid>/task/<tid>"), so bench/ can tell the store's CPU from the bot's. */
function osThreadId(): { osThreadId?: number } {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) ? { osThreadId: tid } : {};
  } catch {
    return {}; // not Linux
  }
}

port?.on('message', (m: unknown) => {
  if (m !== 'close') return;
  server.closeAllConnections();
  server.close(() => {
    port.postMessage({ closed: true } satisfies EmbeddedWorkerMessage);
    port.close();
  });
});
