/**
 * What a background loop logs about a failure: its kind and status codes, and where it came
 * from. Never the message: a store or parse error may quote a document (names, e-mails, text).
 */
export function errorInfo(err: unknown): { name: string; code?: string | number; status?: number; at?: string } {
  if (!err || typeof err !== 'object') return { name: typeof err };
  const e = err as { name?: unknown; code?: unknown; statusCode?: unknown; status?: unknown; stack?: unknown };
  const code = typeof e.code === 'string' || typeof e.code === 'number' ? e.code : undefined;
  const status = typeof e.statusCode === 'number' ? e.statusCode : typeof e.status === 'number' ? e.status : undefined;
  // The stack without its first line (which repeats the message).
  const at =
    typeof e.stack === 'string'
      ? e.stack
          .split('\n')
          .slice(1, 6)
          .map((l) => l.trim())
          .join(' | ')
      : undefined;
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    ...(code !== undefined ? { code } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(at ? { at } : {}),
  };
}
