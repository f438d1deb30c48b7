import { Refusal } from '../refusal';
import type { Messenger } from '../../platform/teams/messenger';
import type { EventTurn } from '../../platform/teams/turn';
import { z } from 'zod';
import { TeamsMemberSchema } from '../../platform/teams/member';
import type { Actor } from '../../kernel/actor';
import type { NetworkPorts } from './ports';
import { linkEmail, type MemberImportOptions } from '../staff-teams';
import { channelOf } from './roster';
import type { Network } from './schemas';
import { parseRetryAfter } from '../../kernel/retryAfter';

const PageSchema = z.object({
  continuationToken: z.string().optional().nullable(),
  members: z.array(TeamsMemberSchema).default([]),
});
type Page = z.infer<typeof PageSchema>;

export interface ImportResult {
  /** Members read from Teams (with an Entra id). */
  seen: number;
  /** New on the roster. */
  added: number;
  /** done: every page read; throttled: Teams asked to wait longer than we do; failed: another error. */
  end: 'done' | 'throttled' | 'failed';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

function statusOf(err: unknown): number | undefined {
  return err && typeof err === 'object' && 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : undefined;
}

/** Retry-After of a RestError, in ms (seconds or an HTTP date); null when absent. */
export function retryAfterMs(err: unknown, now: number): number | null {
  if (!err || typeof err !== 'object' || !('response' in err)) return null;
  const res = err.response;
  if (!res || typeof res !== 'object' || !('headers' in res)) return null;
  const headers = res.headers;
  if (!headers || typeof headers !== 'object' || !('get' in headers) || typeof headers.get !== 'function') return null;
  const value: unknown = headers.get.call(headers, 'retry-after');
  return typeof value === 'string' ? parseRetryAfter(value, now) : null;
}

/**
 * One page of members, waiting out throttling: Retry-After when Teams gives one (botbuilder has
 * already retried those a few times), else exponential back-off with jitter. A wait longer than
 * `maxWaitMs` ends the import instead of holding on.
 */
async function fetchPage(turn: EventTurn, teamId: string | undefined, token: string | undefined, o: MemberImportOptions): Promise<Page | 'throttled' | 'failed'> {
  for (let attempt = 0; ; attempt++) {
    try {
      const page = await turn.membersPage(teamId, o.pageSize, token);
      const parsed = PageSchema.safeParse(page);
      return parsed.success ? parsed.data : 'failed';
    } catch (err) {
      const status = statusOf(err);
      const retriable = status === 429 || status === 412 || (status !== undefined && status >= 500);
      if (!retriable || attempt >= o.maxRetries) return status === 429 ? 'throttled' : 'failed';
      const wait = (status === 429 ? retryAfterMs(err, Date.now()) : null) ?? o.backoffMs * 2 ** attempt * (0.5 + Math.random() / 2);
      if (wait > o.maxWaitMs) return 'throttled';
      await sleep(wait);
    }
  }
}

/**
 * Reads every page of members of the team (or group chat) and puts them on the roster, with a
 * pause between pages. Idempotent: running it again adds nobody twice, so an import cut short
 * by throttling is simply run again.
 */
async function importPages(ports: NetworkPorts, input: { turn: EventTurn; teamId?: string; network: Network; actorId: string }): Promise<ImportResult> {
  const { turn, network } = input;
  const o = ports.groups.memberImport;
  const networks = ports.groups.networks;
  const out: ImportResult = { seen: 0, added: 0, end: 'done' };
  let token: string | undefined;
  for (let page = 0; page < 500; page++) {
    if (page > 0) await sleep(o.pauseMs);
    const got = await fetchPage(turn, input.teamId, token, o);
    if (got === 'throttled' || got === 'failed') {
      out.end = got;
      break;
    }
    const members = got.members.filter((m): m is typeof m & { aadObjectId: string } => !!m.aadObjectId && /^[A-Za-z0-9-]{1,64}$/.test(m.aadObjectId));
    const known = await ports.directory.people(members.map((m) => m.aadObjectId));
    for (const m of members) {
      const email = (m.email ?? m.userPrincipalName ?? '').toLowerCase();
      const p = known.get(m.aadObjectId);
      const newEmail = email.includes('@') && p?.email !== email;
      if (!p || p.mri !== m.id || (!p.name && m.name) || newEmail) {
        const tenantId = m.tenantId ?? turn.conversation.tenantId;
        await ports.directory.updatePerson(m.aadObjectId, (doc) => ({
          ...doc,
          mri: m.id,
          ...(doc.name || !m.name ? {} : { name: m.name }),
          ...(doc.serviceUrl ? {} : { serviceUrl: turn.conversation.serviceUrl }),
          ...(doc.tenantId || !tenantId ? {} : { tenantId }),
          ...(email.includes('@') ? { email } : {}),
        }));
      }
      // A person typed by this e-mail before becomes this Teams user.
      if (newEmail) await linkEmail(ports, m.aadObjectId, email, m.id);
      const added = await networks.putMember({ networkId: network.networkId, userId: m.aadObjectId, source: 'imported', addedBy: input.actorId, now: ports.now() });
      out.seen++;
      if (added) out.added++;
    }
    token = got.continuationToken ?? undefined;
    if (!token) break;
  }
  ports.log.info({ networkId: network.networkId, seen: out.seen, added: out.added, end: out.end }, 'network members imported');
  if (out.added > 0) void ports.scheduler.planNow();
  return out;
}

/**
 * Imports run after the turn has been answered (a big team takes longer than Teams waits for an
 * answer): in a proactive turn in the same conversation, which then gets the summary. One
 * import per network at a time.
 */
export class MemberImports {
  private readonly running = new Map<string, Promise<void>>();

  start(ports: NetworkPorts, input: { actor: Actor; turn: EventTurn; messenger: Messenger; network: Network; summary: (r: ImportResult) => string }): 'started' | 'running' {
    const channel = channelOf(input.turn);
    if (!channel) throw new Refusal('net_errNotChannel');
    const key = input.network.networkId;
    if (this.running.has(key)) return 'running';
    const reference = input.turn.address();
    const run = async () => {
      await input.messenger.later(reference, async (later) => {
        const result = await importPages(ports, { turn: later, network: input.network, actorId: input.actor.aadObjectId, ...(channel.teamId ? { teamId: channel.teamId } : {}) });
        await later.send(input.summary(result));
      });
    };
    const job = run()
      .catch((err: unknown) => ports.log.error({ err, networkId: key }, 'network member import failed'))
      .finally(() => this.running.delete(key));
    this.running.set(key, job);
    return 'started';
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }
}
