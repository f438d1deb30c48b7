/** The HTTP status of an @azure/cosmos error, if it is one. */
function cosmosStatus(err: unknown): number | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = err.code;
    if (typeof code === 'number') return code;
  }
  return undefined;
}

export const isNotFound = (err: unknown) => cosmosStatus(err) === 404;
export const isConflict = (err: unknown) => cosmosStatus(err) === 409;
export const isPreconditionFailed = (err: unknown) => cosmosStatus(err) === 412;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'REQUEST_SEND_ERROR', 'TimeoutError']);

/**
 * True when the store could not be reached or did not answer in time (refused, reset, frozen,
 * 503, 408), as opposed to an answer it gave (404, 409, 412 …). Such a turn is told to try
 * again; nothing it did was acknowledged.
 */
export function isStoreUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { name, code } = e as { name?: unknown; code?: unknown };
    if (name === 'StoreDeadlineError' || name === 'TimeoutError' || name === 'AbortError') return true;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    if (code === 503 || code === 408) return true;
  }
  return false;
}
