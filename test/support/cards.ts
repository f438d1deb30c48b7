// Reading Adaptive Cards the way a person would: texts shown, buttons offered.

export type Json = Record<string, unknown>;

export function walk(node: unknown, visit: (n: Json) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Json);
    Object.values(node as Json).forEach((v) => walk(v, visit));
  }
}

function texts(card: unknown): string[] {
  const out: string[] = [];
  walk(card, (n) => {
    if ((n.type === 'TextBlock' || n.type === 'TextRun') && typeof n.text === 'string') out.push(n.text);
  });
  return out;
}

export function allText(card: unknown): string {
  return texts(card).join('\n');
}

export interface CardAction {
  type: string;
  verb?: string;
  title?: string;
  data?: Json;
}

export function actions(card: unknown): CardAction[] {
  const out: CardAction[] = [];
  walk(card, (n) => {
    if (n.type === 'Action.Execute' || n.type === 'Action.OpenUrl') out.push(n as unknown as CardAction);
  });
  return out;
}

export function action(card: unknown, verb: string, match: (d: Json) => boolean = () => true): CardAction | undefined {
  return actions(card).find((a) => a.verb === verb && match(a.data ?? {}));
}

/** The card of an adaptiveCard/action invoke answer, or throws with what came back instead. */
export function invokeCard(res: { status: number; body: unknown }): Json {
  const b = res.body as { statusCode?: number; type?: string; value?: unknown } | null;
  if (res.status !== 200 || !b || b.type !== 'application/vnd.microsoft.card.adaptive') {
    throw new Error(`expected a card, got HTTP ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  }
  return b.value as Json;
}

export function invokeMessage(res: { status: number; body: unknown }): string {
  const b = res.body as { type?: string; value?: unknown } | null;
  if (res.status !== 200 || !b || b.type !== 'application/vnd.microsoft.activity.message') {
    throw new Error(`expected a message, got HTTP ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  }
  return String(b.value);
}

/** The card attachments in a message the bot sent to the connector. */
export function sentCard(body: Json): Json | undefined {
  const atts = body.attachments as { contentType: string; content: Json }[] | undefined;
  return atts?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** What the bot answered a message in a 1:1 chat: the card, or the text. */
export async function ask(
  h: { send(a: object): Promise<{ status: number; body: unknown }>; connector: { url: string; posts(): { path: string; body: Json }[] } },
  message: (serviceUrl: string) => object,
): Promise<{ card?: Json; text: string }> {
  const before = h.connector.posts().length;
  const sent = message(h.connector.url) as { id?: unknown };
  const res = await h.send(sent);
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  // The answer to this message (a reply to its id), not something else the bot sent meanwhile
  // (a notice from the outbox, say) that happened to arrive last.
  const after = h.connector.posts().slice(before);
  const replyPath = typeof sent.id === 'string' ? `/activities/${encodeURIComponent(sent.id)}` : undefined;
  const reply = (replyPath ? after.filter((p) => p.path.endsWith(replyPath)) : after).pop();
  if (!reply) throw new Error('no reply');
  const card = sentCard(reply.body);
  return card ? { card, text: allText(card) } : { text: String(reply.body.text) };
}
