import type { Logger } from 'pino';
import { DEFAULT_FOLLOW_UP_MONTHS, DEFAULT_LOW_REGISTRATION_DAYS, DEFAULT_REMINDER_OFFSETS, deadlineInstant, seatScope, type Activity } from '../../kernel/activity';
import type { Seats } from '../../kernel/seats';
import { langOfPerson, type Lang } from '../i18n';
import type { ActivityRepository } from '../activities';
import type { DirectoryRepository } from '../people';
import { errorInfo } from '../../platform/outbox/errorInfo';
import type { JobRepository, NewJob } from '../../platform/outbox/jobs';
import { lowRegWarningId, registeredCount } from './lowRegistration';

/** Who actually took part, when attendance has been recorded (null: not known, use registrations). */
export interface AttendanceSource {
  presentUserIds(activityId: string): Promise<string[] | null>;
  /**
   * Whether who took part in this session is known: its Teams meeting ended (and the Graph report,
   * if one is coming, has been fetched), or a report was imported for it.
   */
  sessionSettled?(activityId: string, sessionId: string): Promise<boolean>;
}

/**
 * People expected at a session without a place in its seat list: a network's roster (src/features/networks),
 * a team's principal at the kick-off. They get the reminders too, and 1:1 invitations.
 */
export interface AudienceSource {
  /** User ids to remind of this session, besides those registered. */
  remindedOf(activity: Activity, sessionId: string): Promise<string[]>;
  /** Checked again when the reminder is sent: not declined, not left the roster. */
  stillReminded(activity: Activity, sessionId: string, userId: string): Promise<boolean>;
  /** 1:1 invitations to write (deterministic ids, so planning again changes nothing). */
  invitations(activity: Activity, now: Date): Promise<NewJob[]>;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How far ahead jobs are written, so a job exists a little before it is due. */
const HORIZON = 10 * MINUTE;
const NUDGE_AFTER = 3 * DAY;
/**
 * How long after the last session the evaluation waits for attendance (meeting end, Graph, an
 * imported report) before it goes out anyway: to those recorded present if anyone is, else to
 * everyone registered.
 */
const SURVEY_FALLBACK = 2 * DAY;

function addMonths(d: Date, months: number): Date {
  const out = new Date(d);
  out.setUTCMonth(out.getUTCMonth() + months);
  return out;
}

/**
 * Writes the jobs that are due soon, from the current records. Every id is the message's
 * identity, the same on every run, day and instance: `rem-{activity}-{session}-{start
 * minute}-{offset}-{user}`, `lowreg-{activity}-{user}`, `{survey|nudge}-{evaluation|followUp}-
 * {activity}-{user}` (and, written by the re-invite button, `lowreg-followup-{activity}-{user}`). The due time (never earlier than now) is not part of it, so any number of
 * instances may plan at once and planning again, on any day, changes nothing. A session that
 * moves gets new reminder ids (its start is the revision); the old ones are skipped when due.
 */
export class Planner {
  constructor(
    private readonly deps: {
      activities: ActivityRepository;
      directory: DirectoryRepository;
      jobs: JobRepository;
      attendance?: AttendanceSource;
      audience?: AudienceSource;
      defaultLang: Lang;
      log: Logger;
      now: () => Date;
    },
  ) {}

  /** Plans every published activity; one that fails is logged and counted, the others go on. */
  async plan(): Promise<{ created: number; failed: number }> {
    const now = this.deps.now().getTime();
    let created = 0;
    let failed = 0;
    for (const activity of await this.deps.activities.list({ status: 'published' })) {
      // History loaded as history (the demo's 2018–2022) schedules nothing: no reminders, surveys or nudges.
      if (activity.historic) continue;
      try {
        created += await this.planActivity(activity, now);
      } catch (err) {
        failed++;
        this.deps.log.warn({ err: errorInfo(err), activityId: activity.id }, 'planning failed for an activity');
      }
    }
    return { created, failed };
  }

  private async planActivity(activity: Activity, now: number): Promise<number> {
    const jobs: NewJob[] = [];
    const lastEnd = Math.max(...activity.sessions.filter((s) => s.status !== 'cancelled').map((s) => Date.parse(s.end)));
    const upcoming = activity.sessions.some((s) => s.status === 'scheduled' && Date.parse(s.start) > now);
    const deadline = deadlineInstant(activity).getTime();
    const lowRegAt = deadline - (activity.lowRegistrationDays ?? DEFAULT_LOW_REGISTRATION_DAYS) * DAY;
    const followUpAt = Number.isFinite(lastEnd) ? addMonths(new Date(lastEnd), activity.followUpMonths ?? DEFAULT_FOLLOW_UP_MONTHS).getTime() : Infinity;
    const needsSeats = upcoming || (lastEnd <= now && now <= followUpAt + NUDGE_AFTER + DAY) || (lowRegAt <= now + HORIZON && now < deadline);
    if (!needsSeats && now < followUpAt - HORIZON) return 0;
    const seats = await this.deps.activities.seatLists(activity);

    // Reminders before each session.
    for (const session of activity.sessions) {
      if (session.status !== 'scheduled') continue;
      const start = Date.parse(session.start);
      if (start <= now) continue;
      const registered = (seats.get(seatScope(activity, session.id))?.entries ?? []).filter((e) => e.status === 'registered');
      // People reminded without a place (a roster, a principal), asked for only when a reminder is due.
      let reminded: { userId: string }[] | undefined;
      const everyone = async () => {
        if (!reminded) {
          const extra = (await this.deps.audience?.remindedOf(activity, session.id)) ?? [];
          reminded = [...registered, ...extra.filter((u) => !registered.some((e) => e.userId === u)).map((userId) => ({ userId }))];
        }
        return reminded;
      };
      for (const offset of activity.reminderOffsetsMinutes ?? DEFAULT_REMINDER_OFFSETS) {
        const due = start - offset * MINUTE;
        // Written shortly before it is due; skipped if it would arrive late (registered after the point).
        if (due > now + HORIZON || now > due + (offset * MINUTE) / 2) continue;
        for (const e of await everyone()) {
          jobs.push({
            id: `rem-${activity.id}-${session.id}-${start / MINUTE}-${offset}-${e.userId}`,
            kind: 'reminder',
            toUserId: e.userId,
            activityId: activity.id,
            lang: this.deps.defaultLang,
            payload: { activityId: activity.id, sessionId: session.id, start: session.start, offset },
            dueAt: new Date(Math.max(due, now)),
          });
        }
      }
    }

    if (upcoming && this.deps.audience) jobs.push(...(await this.deps.audience.invitations(activity, new Date(now))));

    // Too few registered a week (by default) before the deadline: tell the coordinators.
    if (lowRegAt <= now + HORIZON && now < deadline) {
      if (registeredCount(seats) < activity.minParticipants) {
        const coordinators = new Set([activity.createdBy, ...(await this.deps.directory.withRole('coordinator')).map((p) => p.aadObjectId)]);
        for (const c of coordinators) {
          jobs.push({
            id: lowRegWarningId(activity.id, c),
            kind: 'lowRegistration',
            toUserId: c,
            activityId: activity.id,
            lang: this.deps.defaultLang,
            payload: { activityId: activity.id },
            dueAt: new Date(Math.max(lowRegAt, now)),
          });
        }
      }
    }

    // Evaluation once attendance of the last session is known (or the fallback delay has passed),
    // to those who took part, with one nudge; follow-up some months later.
    if (Number.isFinite(lastEnd) && lastEnd <= now && (now >= lastEnd + SURVEY_FALLBACK || (await this.lastSessionSettled(activity, lastEnd)))) {
      const participants = await this.participants(activity, seats);
      const surveyAt = Math.max(lastEnd, now);
      for (const u of participants) {
        jobs.push(this.surveyJob('survey', 'evaluation', activity, u, surveyAt));
        jobs.push(this.surveyJob('nudge', 'evaluation', activity, u, surveyAt + NUDGE_AFTER));
        if (followUpAt <= now + HORIZON) {
          jobs.push(this.surveyJob('survey', 'followUp', activity, u, Math.max(followUpAt, now)));
          jobs.push(this.surveyJob('nudge', 'followUp', activity, u, Math.max(followUpAt + NUDGE_AFTER, now)));
        }
      }
      if (followUpAt <= now + HORIZON) {
        // Managers of the participants' organisations get the follow-up too.
        const people = await this.deps.directory.people(participants);
        const orgs = new Set([...people.values()].map((p) => p.organizationId).filter((o): o is string => !!o));
        const managers = (await this.deps.directory.withRole('manager')).filter((m) => m.organizationId && orgs.has(m.organizationId));
        for (const m of managers) jobs.push(this.surveyJob('survey', 'followUp', activity, m.aadObjectId, Math.max(followUpAt, now)));
      }
    }

    let created = 0;
    for (const job of jobs) {
      const person = await this.deps.directory.person(job.toUserId);
      if (await this.deps.jobs.create({ ...job, lang: langOfPerson(person?.doc, this.deps.defaultLang) })) created++;
    }
    if (created > 0) this.deps.log.info({ activityId: activity.id, created }, 'jobs planned');
    return created;
  }

  private surveyJob(kind: 'survey' | 'nudge', surveyKind: 'evaluation' | 'followUp', activity: Activity, userId: string, due: number): NewJob {
    return {
      id: `${kind}-${surveyKind}-${activity.id}-${userId}`,
      kind,
      toUserId: userId,
      activityId: activity.id,
      lang: this.deps.defaultLang,
      payload: { activityId: activity.id, surveyKind },
      dueAt: new Date(due),
    };
  }

  /** Attendance is known for every session that ends last (sessions of one seminar may run side by side). */
  private async lastSessionSettled(activity: Activity, lastEnd: number): Promise<boolean> {
    const source = this.deps.attendance;
    if (!source?.sessionSettled) return false;
    const last = activity.sessions.filter((s) => s.status !== 'cancelled' && Date.parse(s.end) === lastEnd);
    for (const s of last) if (!(await source.sessionSettled(activity.id, s.id))) return false;
    return last.length > 0;
  }

  private async participants(activity: Activity, seats: ReadonlyMap<string, Seats>): Promise<string[]> {
    const present = await this.deps.attendance?.presentUserIds(activity.id);
    if (present) return present;
    const ids = new Set<string>();
    for (const s of seats.values()) for (const e of s.entries) if (e.status === 'registered') ids.add(e.userId);
    return [...ids];
  }
}
