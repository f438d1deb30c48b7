import { TeamsActivityHandler, TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type InvokeResponse } from 'botbuilder';
import { z } from 'zod';
import type { Person } from '../../kernel/people';
import { langFromLocale, translator } from '../i18n';
import { conversationRefId, userRefId } from './conversations';
import type { Actor } from '../../kernel/actor';
import type { Config } from '../../config';
import { actorFrom } from './actor';
import type { ConversationRepository } from './conversations';
import { answer, commandText, type Reply, type Router } from './router';
import type { Messenger } from './messenger';
import { eventTurn, tenantOf, type Turn } from './turn';
import { isVerb } from './verbs';
import { CORRELATION_ID_KEY, inTurnScope } from '../../kernel/turnScope';

const CARD = 'application/vnd.microsoft.card.adaptive';
/** Store budget of a turn nobody waits on (meeting events, installs). */
const EVENT_STORE_BUDGET_MS = 12_000;
// The user whose e-mail and UPN Teams is asked for once the turn has answered (see remember).
const LEARN_IDENTITY_KEY = 'traffpunkt.learnIdentity';
// A lookup that failed is not tried again for this user before this long (in this process).
const LEARN_RETRY_MS = 60 * 60_000;
const MESSAGE = 'application/vnd.microsoft.activity.message';

// The invoke response type says object, but for a message Teams expects the text itself.
const messageValue = (text: string) => text as unknown as Record<string, unknown>;

const CardDataSchema = z.record(z.string(), z.unknown());
// What botbuilder needs to read an Action.Execute: an action object, its data (if any) an object too.
const CardInvokeValueSchema = z.object({ action: z.object({ data: CardDataSchema.nullish() }) });
const SubmitValueSchema = z.object({ verb: z.string() }).catchall(z.unknown());

/** Where the bot finds people: the directory of src/features/people, seen through what the bot needs. */
interface PersonStore {
  person(aadObjectId: string): Promise<{ doc: Person; etag: string } | null>;
  updatePerson(aadObjectId: string, change: (doc: Person) => Person, found: { doc: Person; etag: string } | null): Promise<Person>;
}

/** What the Teams layer needs from the rest of the app; compose.ts builds it. */
export interface BotPorts {
  config: Config;
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
  now(): Date;
  conversations: Pick<ConversationRepository, 'save'>;
  people: PersonStore;
}

interface Admitted {
  actor: Actor;
  person: Person | null;
}

/** Thin Teams layer: who is asking, which verb or command, and the answer as a card. */
export class TraffpunktBot extends TeamsActivityHandler {
  /** When Teams was last asked about a user here, so one who cannot be looked up is not asked every turn. */
  private readonly identityAsked = new Map<string, number>();
  private readonly learning = new Set<Promise<void>>();

  constructor(
    private readonly ports: BotPorts,
    private readonly router: Router,
    private readonly messenger: Messenger,
  ) {
    super();

    this.onMessage(async (context, next) => {
      const admitted = await this.admit(context);
      if (admitted) {
        const { actor } = admitted;
        const turn = this.turn(context, admitted);
        const submitted = SubmitValueSchema.safeParse(context.activity.value);
        if (submitted.success) {
          // Action.Submit fallback from clients without Universal Actions: same verbs, answered as a new message.
          const { verb, ...data } = submitted.data;
          const reply: Reply = isVerb(verb) ? await router.runAction(turn, verb, data) : { message: translator(actor.lang)('err_badAction') };
          await answer(turn, reply);
        } else {
          // A file sent in a 1:1 chat goes to the feature that takes it (the attendance report).
          const files = router.fileTaker(turn);
          if (files) {
            const reply = await files.receive(turn, commandText(context));
            await answer(turn, reply);
          } else {
            await router.runCommand(turn, commandText(context));
          }
        }
      }
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      await this.remember(context);
      // Greet in 1:1 chats only: a welcome in a channel for every new member would be noise.
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botAdded && context.activity.conversation.conversationType === 'personal') {
        const lang = this.actorOf(context)?.lang ?? ports.config.DEFAULT_LOCALE;
        await context.sendActivity(translator(lang)('welcome'));
      }
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      // Teams also sends membersAdded for the bot, which greets; here only remember where we are.
      await this.remember(context);
      await next();
    });
  }

  /** Every turn runs in its scope: a correlation id for its logs, a deadline for its store calls. */
  override async run(context: TurnContext): Promise<void> {
    // A person waits for a message's or a click's answer; nobody waits on a meeting event or an
    // install, which may take the store longer (Teams' own request still times out at ~15 s).
    const type: string = context.activity.type;
    const personWaits = type === 'message' || type === 'invoke';
    await inTurnScope(personWaits ? this.ports.config.STORE_TURN_BUDGET_MS : EVENT_STORE_BUDGET_MS, (scope) => {
      context.turnState.set(CORRELATION_ID_KEY, scope.correlationId);
      return super.run(context);
    });
    const learn: unknown = context.turnState.get(LEARN_IDENTITY_KEY);
    if (typeof learn === 'string') this.learnAfterTurn(context, learn);
  }

  /**
   * The e-mail and UPN of a user, asked of Teams after the turn has answered (not awaited here, so
   * neither a message nor an invoke waits for it). A failure is logged inside and tried again on a
   * later turn; nothing depends on it but report matching.
   */
  private learnAfterTurn(context: TurnContext, aadObjectId: string): void {
    const now = this.ports.now().getTime();
    const last = this.identityAsked.get(aadObjectId);
    if (last !== undefined && now - last < LEARN_RETRY_MS) return;
    if (this.identityAsked.size > 10_000) this.identityAsked.clear();
    this.identityAsked.set(aadObjectId, now);
    const p = Promise.all(this.router.peopleHooks().map((h) => h.learn(eventTurn(context), aadObjectId)))
      .then(() => undefined)
      .finally(() => this.learning.delete(p));
    this.learning.add(p);
  }

  /** Waits for identity lookups started after turns (tests, shutdown). */
  async identityIdle(): Promise<void> {
    while (this.learning.size > 0) await Promise.all(this.learning);
  }

  // Meeting events go to the features that take them (attendance), then to any handlers registered with botbuilder.
  protected override async onTeamsMeetingStart(context: TurnContext): Promise<void> {
    for (const h of this.router.meetingHooks()) await h.started(eventTurn(context));
    await super.onTeamsMeetingStart(context);
  }

  protected override async onTeamsMeetingEnd(context: TurnContext): Promise<void> {
    for (const h of this.router.meetingHooks()) await h.ended(eventTurn(context));
    await super.onTeamsMeetingEnd(context);
  }

  protected override async onTeamsMeetingParticipantsJoin(context: TurnContext): Promise<void> {
    for (const h of this.router.meetingHooks()) await h.participants(eventTurn(context), 'join');
    await super.onTeamsMeetingParticipantsJoin(context);
  }

  protected override async onTeamsMeetingParticipantsLeave(context: TurnContext): Promise<void> {
    for (const h of this.router.meetingHooks()) await h.participants(eventTurn(context), 'leave');
    await super.onTeamsMeetingParticipantsLeave(context);
  }

  // botbuilder reads value.action.type before onAdaptiveCardInvoke and throws on a value it cannot
  // read; such a button is answered here, in the user's language, and nothing else runs.
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action' && !CardInvokeValueSchema.safeParse(context.activity.value).success) {
      this.ports.log.info({ activityId: context.activity.id }, 'unreadable card action');
      const lang = this.actorOf(context)?.lang ?? langFromLocale(context.activity.locale, this.ports.config.DEFAULT_LOCALE);
      return { status: 200, body: { statusCode: 200, type: MESSAGE, value: translator(lang)('err_staleAction') } };
    }
    return super.onInvokeActivity(context);
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const admitted = await this.admit(context, true);
    if (!admitted) {
      const lang = this.actorOf(context)?.lang ?? this.ports.config.DEFAULT_LOCALE;
      return { statusCode: 200, type: MESSAGE, value: messageValue(translator(lang)('err_tenantNotAllowed')) };
    }
    const { actor } = admitted;
    const verb = invokeValue.action?.verb;
    const data = CardDataSchema.safeParse(invokeValue.action?.data ?? {});
    const reply: Reply = !data.success
      ? { message: translator(actor.lang)('err_staleAction') }
      : isVerb(verb)
        ? await this.router.runAction(this.turn(context, admitted), verb, data.data)
        : { message: translator(actor.lang)('err_badAction') };
    if ('card' in reply) return { statusCode: 200, type: CARD, value: reply.card.content };
    return { statusCode: 200, type: MESSAGE, value: messageValue(reply.message) };
  }

  /** The turn's user; in local anonymous mode LOCALE_OVERRIDE (config refuses it elsewhere) replaces the locale the client sent. */
  private actorOf(context: TurnContext): Actor | null {
    const actor = actorFrom(context, this.ports.config.DEFAULT_LOCALE);
    const override = this.ports.config.LOCALE_OVERRIDE;
    return actor && override ? { ...actor, lang: override } : actor;
  }

  private turn(context: TurnContext, admitted: Admitted): Turn {
    const { actor, person } = admitted;
    return {
      ...eventTurn(context),
      actor,
      messenger: this.messenger,
      person,
      // Roles come from the stored person, read once at the start of the turn.
      isCoordinator: async () => !!person?.roles.includes('coordinator'),
    };
  }

  /**
   * Tenant check and bookkeeping before anything else. Returns null when the turn must stop
   * here (the refusal is already sent for messages; invokes answer it themselves).
   */
  private async admit(context: TurnContext, quiet = false): Promise<Admitted | null> {
    const allowed = this.ports.config.ALLOWED_TENANTS;
    const tenant = tenantOf(context);
    const actor = this.actorOf(context);
    if ((allowed.length > 0 && (!tenant || !allowed.includes(tenant))) || !actor) {
      this.ports.log.info({ tenant: tenant ?? null, conversation: context.activity.conversation?.id }, 'turn refused');
      if (!quiet) {
        const lang = actor?.lang ?? this.ports.config.DEFAULT_LOCALE;
        await context.sendActivity(translator(lang)(actor ? 'err_tenantNotAllowed' : 'err_badAction'));
      }
      return null;
    }
    const person = await this.remember(context, actor);
    // A language the person chose (`språk svenska`) wins over the locale Teams sent.
    return { actor: person?.language ? { ...actor, lang: person.language } : actor, person };
  }

  /** Stores where to reach this user and conversation later; returns the stored person (one read per turn). */
  private async remember(context: TurnContext, actor?: Actor): Promise<Person | null> {
    const a = context.activity;
    const ref = TurnContext.getConversationReference(a);
    const who = actor ?? this.actorOf(context);
    const writes: Promise<unknown>[] = [];
    // Invokes come after a message or an install, which stored the reference already.
    if (a.type !== 'invoke') {
      if (a.conversation?.conversationType === 'personal' && who) {
        writes.push(this.ports.conversations.save(userRefId(who.aadObjectId), 'user', ref));
      } else if (a.conversation?.id) {
        writes.push(this.ports.conversations.save(conversationRefId(a.conversation.id), 'conversation', ref));
      }
    }
    // The reference saves run alongside the person's read; if that read fails first, their
    // failure is still observed here (an unobserved rejection would end the process).
    const saved = Promise.all(writes);
    saved.catch(() => undefined);
    let person: Person | null = null;
    if (who) {
      const found = await this.ports.people.person(who.aadObjectId);
      const p = found?.doc;
      // With LOCALE_OVERRIDE (local anonymous mode) reminders and notices follow it too.
      const override = this.ports.config.LOCALE_OVERRIDE;
      const locale = override ? (override === 'sv' ? 'sv-SE' : 'en-GB') : a.locale;
      const same = p && p.mri === who.mri && p.name === who.name && p.serviceUrl === who.serviceUrl && (!locale || p.locale === locale) && !p.unreachable;
      person = same
        ? p
        : await this.ports.people.updatePerson(
            who.aadObjectId,
            (doc) => ({
              ...doc,
              mri: who.mri,
              name: who.name,
              serviceUrl: who.serviceUrl,
              unreachable: undefined,
              ...(who.tenantId ? { tenantId: who.tenantId } : {}),
              ...(locale ? { locale } : {}),
            }),
            found ?? null,
          );
      // Someone new (or only named by others so far): a person typed by their e-mail earlier
      // (teams, rosters) becomes them now, and notices held for them go out.
      const hooks = this.router.peopleHooks();
      if ((!found || !p?.mri) && a.type === 'message') for (const h of hooks) await h.newcomer(eventTurn(context), who.aadObjectId);
      // Teams is asked who they are (e-mail, UPN) once, and again after some weeks: after the turn.
      else if (hooks.some((h) => h.stale(person, this.ports.now()))) context.turnState.set(LEARN_IDENTITY_KEY, who.aadObjectId);
    }
    await saved;
    return person;
  }
}
