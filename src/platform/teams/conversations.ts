import type { Unparsed } from '../cosmos/docs';
import type { Container } from '@azure/cosmos';
import type { ConversationReference } from 'botbuilder';
import { z } from 'zod';
import { isNotFound } from '../cosmos/errors';

const RefDocSchema = z.object({
  id: z.string(),
  kind: z.enum(['user', 'conversation']),
  reference: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
});

export const userRefId = (aadObjectId: string) => `user-${aadObjectId}`;
export const conversationRefId = (conversationId: string) => `conv-${Buffer.from(conversationId).toString('base64url').slice(0, 200)}`;

/** Conversation references, stored whenever someone talks to the bot, for proactive messages. */
export class ConversationRepository {
  constructor(private readonly container: Container) {}

  async save(id: string, kind: 'user' | 'conversation', reference: Partial<ConversationReference>): Promise<void> {
    await this.container.items.upsert({ id, kind, reference, updatedAt: new Date().toISOString() });
  }

  async get(id: string): Promise<Partial<ConversationReference> | null> {
    try {
      const { resource } = await this.container.item(id, id).read<Unparsed>();
      if (!resource) return null;
      const p = RefDocSchema.safeParse(resource);
      return p.success ? p.data.reference : null;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }
}
