/** The HTTP status of an @azure/cosmos error, if it is one. */
export function cosmosStatus(err: unknown): number | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    if (typeof code === 'number') return code;
  }
  return undefined;
}

export const isNotFound = (err: unknown) => cosmosStatus(err) === 404;
export const isConflict = (err: unknown) => cosmosStatus(err) === 409;
export const isPreconditionFailed = (err: unknown) => cosmosStatus(err) === 412;
