import type { ApiError } from '../api/contract';

// Calls to /api/tab/: the Teams SSO token, or (local anonymous mode only) the development
// identity header the server accepts only there.

export const DEV_USER_HEADER = 'x-traffpunkt-dev-user';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

/** Our own API's answer, shaped as contract.ts says; the one place the page trusts a type. */
function shaped<T>(value: unknown): T {
  return value as T;
}

export class Api {
  constructor(
    private readonly credentials: () => Promise<Record<string, string>>,
    readonly lang: 'sv' | 'en',
  ) {}

  private async call<T>(method: 'GET' | 'POST', path: string, body?: { json: unknown } | { bytes: ArrayBuffer }): Promise<T> {
    const url = `${path}${path.includes('?') ? '&' : '?'}lang=${this.lang}`;
    const headers: Record<string, string> = { accept: 'application/json', ...(await this.credentials()) };
    let payload: BodyInit | undefined;
    if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) {
      headers['content-type'] = 'application/octet-stream';
      payload = body.bytes;
    }
    const res = await fetch(url, { method, headers, body: payload, credentials: 'omit' });
    const data: unknown = await res.json().catch(() => null);
    if (!res.ok && !(res.status === 422 && data)) {
      const err = shaped<Partial<ApiError> | null>(data);
      throw new ApiFailure(res.status, err?.error ?? 'failed');
    }
    return shaped<T>(data);
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, json: unknown): Promise<T> {
    return this.call<T>('POST', path, { json });
  }

  upload<T>(path: string, bytes: ArrayBuffer): Promise<T> {
    return this.call<T>('POST', path, { bytes });
  }
}
