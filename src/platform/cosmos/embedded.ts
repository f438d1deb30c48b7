import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EmbeddedWorkerData, EmbeddedWorkerMessage } from './embeddedWorker';

export interface EmbeddedServer {
  endpoint: string;
  /** Number of writes seen so far; the snapshotter compares it to know whether anything changed. */
  writes(): number;
  /** The server thread's Linux thread id (absent elsewhere), for bench/'s CPU accounting. */
  osThreadId?: number;
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Called if the server's thread ends without close() (a crash): the store is gone. */
  onExit?: (err: Error) => void;
}

/**
 * Where the worker's code is: the compiled .js beside this file, or under tsx / ts-jest the
 * .ts source, which a worker can only load with tsx registered inside it (Node 20 does not
 * pass the parent's loader on to workers).
 */
function workerEntry(): { file: string; eval: boolean } {
  const own = path.join(__dirname, `embeddedWorker${path.extname(__filename)}`);
  if (own.endsWith('.js')) return { file: own, eval: false };
  return { file: `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(own)});`, eval: true };
}

/**
 * Starts the Cosmos-protocol server on loopback, with keep-alive, in a worker thread of this
 * process: off the bot's event loop, yet it lives and dies with the process (a SIGKILL leaves
 * no orphan), and it is reached over 127.0.0.1 by the same @azure/cosmos client as Azure.
 */
export async function startEmbeddedCosmos(port = 0, options: EmbeddedOptions = {}): Promise<EmbeddedServer> {
  const writes = new SharedArrayBuffer(8);
  const counter = new BigInt64Array(writes);
  const entry = workerEntry();
  const worker = new Worker(entry.file, { eval: entry.eval, workerData: { port, writes } satisfies EmbeddedWorkerData });
  let closing = false;
  let closed: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (closed = resolve));
  const listening = new Promise<{ listening: number; osThreadId?: number }>((resolve, reject) => {
    worker.on('message', (m: EmbeddedWorkerMessage) => {
      if ('listening' in m) resolve(m);
      else if ('failed' in m) reject(new Error(`embedded Cosmos server: ${m.failed}`));
      else closed();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      closed();
      const err = new Error(`embedded Cosmos server thread ended (code ${code})`);
      reject(err);
      if (!closing) options.onExit?.(err);
    });
  });
  let started: { listening: number; osThreadId?: number };
  try {
    started = await listening;
  } catch (err) {
    await worker.terminate();
    throw err;
  }
  return {
    endpoint: `http://127.0.0.1:${started.listening}`,
    ...(started.osThreadId !== undefined ? { osThreadId: started.osThreadId } : {}),
    writes: () => Number(Atomics.load(counter, 0)),
    close: async () => {
      if (closing) return done;
      closing = true;
      worker.postMessage('close');
      // A server that does not close in time is ended with its thread.
      const timer = setTimeout(() => void worker.terminate(), 5_000);
      await done;
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}
