import { createDefaultHttpClient, type HttpClient, type PipelineRequest } from '@azure/core-rest-pipeline';
import http from 'node:http';
import https from 'node:https';
import { activeTurn } from '../util/turnScope';

/**
 * Idle kept-alive sockets are closed by this client well before any server closes them
 * (the embedded server keeps them 30 s, Azure minutes). A socket reused at the very moment
 * the server drops it ends in ECONNRESET; Node takes the smaller of this and the server's
 * Keep-Alive hint, so the client always closes first.
 */
export const CLIENT_IDLE_SOCKET_MS = 4_000;

export class StoreDeadlineError extends Error {
  override name = 'StoreDeadlineError';
  constructor() {
    super('the store did not answer within the turn budget');
  }
}

/**
 * The HTTP client under @azure/cosmos: the SDK's own (core-rest-pipeline) with our agents,
 * and with the deadline of the turn it works for, so no store call on the turn path can
 * outlast the answer Teams waits for. Calls outside a turn are bounded by the SDK's
 * requestTimeout only.
 */
export function storeHttpClient(options: { loopback: boolean }): HttpClient {
  const inner = createDefaultHttpClient();
  const httpAgent = new http.Agent({ keepAlive: true, timeout: CLIENT_IDLE_SOCKET_MS, maxSockets: 256 });
  const httpsAgent = new https.Agent({ keepAlive: true, timeout: CLIENT_IDLE_SOCKET_MS, maxSockets: 256 });
  return {
    async sendRequest(request: PipelineRequest) {
      const isHttp = request.url.startsWith('http:');
      request.agent = isHttp ? httpAgent : httpsAgent;
      // Plain http only to a server on this machine (the embedded one).
      if (isHttp) request.allowInsecureConnection = options.loopback;
      const turn = activeTurn();
      if (!turn) return inner.sendRequest(request);
      const left = turn.storeDeadline - Date.now();
      if (left <= 0) throw new StoreDeadlineError();
      const deadline = AbortSignal.timeout(left);
      const own = request.abortSignal;
      request.abortSignal = own instanceof AbortSignal ? AbortSignal.any([own, deadline]) : deadline;
      try {
        return await inner.sendRequest(request);
      } catch (err) {
        if (deadline.aborted) throw new StoreDeadlineError();
        throw err;
      }
    },
  };
}
