import type { Activity, Session } from '../../kernel/activity';

// RFC 5545 text: escape backslash, semicolon, comma and newlines; fold lines at 75 octets.
function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

function fold(line: string): string {
  const out: string[] = [];
  let rest = Buffer.from(line, 'utf8');
  while (rest.length > 75) {
    let cut = 75;
    // Do not split a UTF-8 sequence: back up to a lead byte.
    while (cut > 0 && ((rest[cut] ?? 0) & 0xc0) === 0x80) cut--;
    out.push(rest.subarray(0, cut).toString('utf8'));
    rest = Buffer.concat([Buffer.from(' '), rest.subarray(cut)]);
  }
  out.push(rest.toString('utf8'));
  return out.join('\r\n');
}

const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * Calendars treat a file with a known UID as an update only if its SEQUENCE is higher (RFC 5545
 * §3.8.7.4): the session's own counter, raised on a move or cancel, plus one when the whole
 * activity is cancelled (a terminal change its sessions do not record). A cancellation stays
 * METHOD:PUBLISH with STATUS:CANCELLED: METHOD:CANCEL is an iTIP message that needs an
 * ORGANIZER and attendees, which a downloaded file has not.
 */
function sessionSequence(activity: Activity, session: Session): number {
  return (session.sequence ?? 0) + (activity.status === 'cancelled' && session.status !== 'cancelled' ? 1 : 0);
}

/** A calendar file for one session; UTC times, so no time-zone table is needed. */
export function sessionIcs(activity: Activity, session: Session, now: Date): string {
  const cancelled = session.status === 'cancelled' || activity.status === 'cancelled';
  const description = [activity.purpose, session.meetingUrl ? `Teams: ${session.meetingUrl}` : ''].filter(Boolean).join('\n\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Traffpunkt//SV',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${activity.id}-${session.id}@traffpunkt`,
    `DTSTAMP:${stamp(now.toISOString())}`,
    `SEQUENCE:${sessionSequence(activity, session)}`,
    `DTSTART:${stamp(session.start)}`,
    `DTEND:${stamp(session.end)}`,
    `SUMMARY:${escapeText(activity.title)}`,
    `DESCRIPTION:${escapeText(description)}`,
    ...(session.meetingUrl ? [`LOCATION:${escapeText('Microsoft Teams')}`, `URL:${session.meetingUrl}`] : []),
    cancelled ? 'STATUS:CANCELLED' : 'STATUS:CONFIRMED',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** Where a session's calendar file is served (signed links point here). */
export function icsPath(activityId: string, sessionId: string): string {
  return `/ics/${activityId}/${sessionId}.ics`;
}
