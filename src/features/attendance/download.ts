// Fetching a file a user sent the bot. Teams gives a short-lived download URL on the tenant's
// SharePoint/OneDrive; the bot fetches it without credentials. Only those hosts are fetched
// (and loopback in local anonymous mode, for tests and the playground), with a size cap and
// a timeout, so a message cannot make the bot read an internal address or 20 MB of garbage.

type DownloadResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'tooLarge' | 'unreachable' | 'notAllowed' };

export type Downloader = (url: string) => Promise<DownloadResult>;

const SHAREPOINT = /(^|\.)sharepoint(-df)?\.(com|us|de|cn)$/i;
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

export function allowedDownloadUrl(url: string, allowLoopback: boolean): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (u.protocol === 'https:' && SHAREPOINT.test(u.hostname)) return true;
  return allowLoopback && (u.protocol === 'http:' || u.protocol === 'https:') && LOOPBACK.includes(u.hostname);
}

export function httpDownloader(options: { maxBytes: number; timeoutMs: number; allowLoopback: boolean }): Downloader {
  return async (url) => {
    const signal = AbortSignal.timeout(options.timeoutMs);
    let res: Response | undefined;
    let next = url;
    // Redirects are followed by hand, a few at most, each to an allowed host again.
    for (let hop = 0; hop < 4; hop++) {
      if (!allowedDownloadUrl(next, options.allowLoopback)) return { ok: false, reason: 'notAllowed' };
      try {
        res = await fetch(next, { redirect: 'manual', signal });
      } catch {
        return { ok: false, reason: 'unreachable' };
      }
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) break;
      await res.body?.cancel();
      next = new URL(location, next).toString();
      res = undefined;
    }
    if (!res || !res.ok || !res.body) {
      await res?.body?.cancel();
      return { ok: false, reason: 'unreachable' };
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      await res.body.cancel();
      return { ok: false, reason: 'tooLarge' };
    }
    const reader: ReadableStreamDefaultReader<Uint8Array> = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.length;
        if (total > options.maxBytes) {
          await reader.cancel();
          return { ok: false, reason: 'tooLarge' };
        }
        chunks.push(value);
      }
    } catch {
      return { ok: false, reason: 'unreachable' };
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    return { ok: true, bytes };
  };
}
