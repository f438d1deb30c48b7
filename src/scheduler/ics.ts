import type { Activity, Session } from '../domain/activity';

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

/** A calendar file for one session; UTC times, so no time-zone table is needed. */
export function sessionIcs(activity: Activity, session: Session, now: Date): string {
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
    `DTSTART:${stamp(session.start)}`,
    `DTEND:${stamp(session.end)}`,
    `SUMMARY:${escapeText(activity.title)}`,
    `DESCRIPTION:${escapeText(description)}`,
    ...(session.meetingUrl ? [`LOCATION:${escapeText('Microsoft Teams')}`, `URL:${session.meetingUrl}`] : []),
    session.status === 'cancelled' ? 'STATUS:CANCELLED' : 'STATUS:CONFIRMED',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}
