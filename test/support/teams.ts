// Teams-shaped activities for driving the bot over HTTP.
export const TENANT = '6e0b6c1e-0000-4000-8000-00000000aaaa';

export interface User {
  aad: string;
  name: string;
  locale?: string;
}

// Entra object ids are GUIDs, and the bot refuses anything else: a label that is not hex is hex-encoded.
const hex12 = (n: number | string) => {
  const s = String(n);
  return (/^[0-9a-f]{1,12}$/i.test(s) ? s : Buffer.from(s).toString('hex').slice(-12)).padStart(12, '0');
};

export const user = (n: number | string, locale = 'sv-SE'): User => ({
  aad: `00000000-0000-4000-8000-${hex12(n)}`,
  name: `Användare ${n}`,
  locale,
});

let seq = 0;

function base(serviceUrl: string, from: User, conversation: Conv) {
  seq++;
  return {
    id: `incoming-${seq}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: `29:${from.aad}`, name: from.name, aadObjectId: from.aad },
    recipient: { id: '28:traffpunkt-bot', name: 'Träffpunkt' },
    conversation: { id: conversation.id, conversationType: conversation.type, tenantId: TENANT, isGroup: conversation.type !== 'personal' },
    channelData: {
      tenant: { id: TENANT },
      ...(conversation.type === 'channel' ? { team: { id: '19:team@thread.tacv2' }, channel: { id: conversation.id } } : {}),
    },
    locale: from.locale ?? 'sv-SE',
  };
}

export interface Conv {
  id: string;
  type: 'personal' | 'channel' | 'groupChat';
}
export const personal = (u: User): Conv => ({ id: `a:personal-${u.aad}`, type: 'personal' });
export const channel = (id = '19:general@thread.tacv2'): Conv => ({ id, type: 'channel' });

export function message(serviceUrl: string, from: User, text: string, conv = personal(from)) {
  return { ...base(serviceUrl, from, conv), type: 'message', text };
}

export function invoke(serviceUrl: string, from: User, verb: string, data: Record<string, unknown>, conv = personal(from)) {
  return {
    ...base(serviceUrl, from, conv),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data } },
  };
}
