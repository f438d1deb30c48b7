import type { EventTurn } from '../../platform/teams/turn';
import { z } from 'zod';
import type { RoleRepository } from './grants';

// Who a message @mentions: Teams puts a mention entity per person in activity.entities.

const AadId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const MentionSchema = z.object({
  type: z.literal('mention'),
  text: z.string().max(500).optional(),
  mentioned: z.object({ id: z.string().min(1).max(200), name: z.string().max(200).optional(), aadObjectId: z.string().max(100).optional() }),
});
export type Mentioned = z.infer<typeof MentionSchema>['mentioned'];

/** The people mentioned, the bot itself left out, each once. */
export function mentionsIn(turn: Pick<EventTurn, 'entities' | 'botId'>): Mentioned[] {
  const botId = turn.botId;
  const seen = new Set<string>();
  return turn.entities.flatMap((e) => {
    const m = MentionSchema.safeParse(e);
    if (!m.success || m.data.mentioned.id === botId || seen.has(m.data.mentioned.id)) return [];
    seen.add(m.data.mentioned.id);
    return [m.data.mentioned];
  });
}

/** The argument of a command with the mentioned people's names taken out ("@Åsa Öberg Ånge" → "Ånge"). */
export function withoutMentionNames(argument: string, mentions: readonly Mentioned[]): string {
  let rest = argument;
  for (const m of mentions) if (m.name) rest = rest.replace(m.name, ' ');
  return rest.replace(/@/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The mentioned user's Entra object id: from the entity when the client put it there, else the
 * conversation's member list (Teams answers with aadObjectId), else someone who has talked to
 * the bot under this Teams id.
 */
export async function aadIdOf(turn: Pick<EventTurn, 'member'>, roles: Pick<RoleRepository, 'personByMri'>, m: Mentioned, log: { debug(obj: object, msg: string): void }): Promise<string | null> {
  const direct = AadId.safeParse(m.aadObjectId);
  if (direct.success) return direct.data;
  if (AadId.safeParse(m.id).success && /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(m.id)) return m.id;
  const known = await roles.personByMri(m.id);
  if (known) return known.aadObjectId;
  try {
    const member = z.object({ aadObjectId: AadId }).safeParse(await turn.member(m.id));
    if (member.success) return member.data.aadObjectId;
  } catch (err) {
    // Not a member of this conversation (a 1:1 chat with the bot has only the two of us).
    log.debug({ status: z.object({ statusCode: z.number() }).safeParse(err).data?.statusCode ?? null }, 'mentioned user not found among the members');
  }
  return null;
}
