import type { AddressInfo } from 'node:net';

/** POSTs an activity to the bot at `url` as Teams would; the body parsed as JSON when it is JSON. */
export async function postActivity(url: string, activity: object): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body };
}
