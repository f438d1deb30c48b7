import type { Card } from '../../platform/cards/render';
import { refused, Refusal } from '../refusal';
import { z } from 'zod';
import { hasProfile } from '../../kernel/people';
import { translator, type MessageKey } from '../i18n';
import type { HandlerMap, Reply } from '../../platform/teams/actionTypes';
import type { RegistrationTurn } from './ports';
import { personalInvitation, withInvitationNotice } from '../activities';
import { cancel } from './cancel';
import { register } from './register';
import { confirmRegistration } from './confirmation';
import { CancelInputSchema, RegisterInputSchema, RegisterViewSchema, type RegisterView } from './schemas';
import { saveProfile } from './profile';
import { myRegistrationsAttachment, profileFormCard, type MineNotice } from './replies';
import { myRegistrations } from './mine';

/** Registers, and from a channel or group chat also sends the 1:1 confirmation to keep. */
async function registerAndConfirm(turn: RegistrationTurn, input: z.infer<typeof RegisterInputSchema>) {
  const outcome = await register(turn.ports, turn.actor, input);
  // In Teams the shared card shows no personal state to more than 60 people; in 1:1 the answer is the confirmation.
  if (turn.conversation.type !== 'personal') await confirmRegistration(turn.ports, turn.actor, outcome);
  return outcome;
}

/** What the answer says: "Ångra" after a cancel says so honestly when the place went to someone else. */
function registeredKey(r: Awaited<ReturnType<typeof register>>['result'], undo: boolean): MessageKey {
  if (r.kind === 'registered') return r.already ? 'inv_alreadyRegistered' : undo ? 'inv_undoRegistered' : 'inv_justRegistered';
  return undo ? 'inv_undoWaitlisted' : 'inv_justWaitlisted';
}

async function doRegister(turn: RegistrationTurn, input: z.infer<typeof RegisterInputSchema>, how: RegisterView = { view: 'invitation', undo: false }): Promise<Reply> {
  const outcome = await registerAndConfirm(turn, input);
  const r = outcome.result;
  const position = r.kind === 'waitlisted' ? r.position : 0;
  const style = r.kind === 'registered' ? 'good' : 'warning';
  if (how.view === 'mine') {
    const t = translator(turn.actor.lang);
    return { card: await mine(turn, { text: t(registeredKey(r, how.undo), { position }), style }) };
  }
  return personalInvitation(turn, outcome.activity, { key: registeredKey(r, how.undo), params: { position }, style }, outcome);
}

/** The member's registrations card: read here, rendered by the view. */
export async function mine(turn: RegistrationTurn, notice?: MineNotice): Promise<Card> {
  return myRegistrationsAttachment(await myRegistrations(turn.ports, turn.actor.aadObjectId), { lang: turn.actor.lang, now: turn.ports.now(), notice });
}

/** Registering, cancelling and the profile asked for on the first registration. */
export const registrationHandlers = {
  'registration.register': async (turn, data) => {
    const input = RegisterInputSchema.parse(data);
    const how = RegisterViewSchema.parse(data);
    if (how.view === 'mine' && hasProfile(turn.person)) {
      try {
        return await doRegister(turn, input, how);
      } catch (err) {
        if (!(err instanceof Refusal) || err.code === 'notFound') throw err;
        const t = translator(turn.actor.lang);
        return { card: await mine(turn, { text: t(err.key, err.params), style: 'attention' }) };
      }
    }
    return withInvitationNotice(turn, input.activityId, async () => {
      if (!hasProfile(turn.person)) {
        // Check the activity and session first, so a bad card never gets as far as the profile form.
        const found = await turn.ports.activities.get(input.activityId);
        if (!found) throw refused('notFound');
        return { card: profileFormCard({ lang: turn.actor.lang, ...input, person: turn.person, organizations: await turn.ports.directory.organizations() }) };
      }
      return doRegister(turn, input, how);
    });
  },

  'profile.save': async (turn, data) => {
    const input = RegisterInputSchema.parse(data);
    const values = z.record(z.string(), z.unknown()).parse(data);
    const saved = await saveProfile(turn.ports, turn.actor, values);
    if (!saved.ok) {
      const str = (k: string) => (typeof values[k] === 'string' ? values[k] : '');
      return {
        card: profileFormCard({
          organizations: await turn.ports.directory.organizations(),
          lang: turn.actor.lang,
          ...input,
          values: { organizationId: str('organizationId'), organizationOther: str('organizationOther'), jobRole: str('jobRole') },
          errorKey: saved.errorKey,
        }),
      };
    }
    return withInvitationNotice(turn, input.activityId, () => doRegister(turn, input));
  },

  'registration.cancel': async (turn, data) => {
    const input = CancelInputSchema.parse(data);
    // Whoever registered this person (a manager, on their behalf) is told, wherever they cancel.
    const cancelAndTell = () => cancel(turn.ports, turn.actor, input);
    if (input.view === 'mine') {
      const t = translator(turn.actor.lang);
      try {
        await cancelAndTell();
        const undo = { activityId: input.activityId, sessionId: input.sessionId };
        return { card: await mine(turn, { text: t('inv_justCancelled'), style: 'good', undo }) };
      } catch (err) {
        if (!(err instanceof Refusal)) throw err;
        return { card: await mine(turn, { text: t(err.key, err.params), style: 'attention' }) };
      }
    }
    return withInvitationNotice(turn, input.activityId, async () => {
      const outcome = await cancelAndTell();
      return personalInvitation(turn, outcome.activity, { key: 'inv_justCancelled', style: 'good', undoSessionId: input.sessionId }, outcome);
    });
  },
} satisfies HandlerMap<RegistrationTurn>;
