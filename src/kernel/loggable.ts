import { z } from 'zod';

// A zod error's message quotes what it refused (unrecognized keys, the keys of a record), and that
// is user input: an error goes to the log by field paths and issue codes only.

const segment = (p: PropertyKey) => (typeof p === 'number' ? String(p) : /^[A-Za-z0-9_.-]{1,40}$/.test(String(p)) ? String(p) : '?');

export function issuesOf(error: z.ZodError): { path: string; code: string }[] {
  return error.issues.slice(0, 10).map((i) => ({ path: i.path.map(segment).join('.'), code: i.code }));
}

/** What of an error may be logged. */
export function loggable(err: unknown): unknown {
  return err instanceof z.ZodError ? { name: 'ZodError', issues: issuesOf(err) } : err;
}
