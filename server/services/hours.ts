/**
 * Business hours in the site's time zone. Outside them the human button leads to a ticket, and the hall
 * says when agents are next in.
 */

export interface BusinessHours {
  /** An IANA zone, e.g. `Asia/Shanghai`. */
  timeZone: string;
  /** Open days, 0 = Sunday … 6 = Saturday. */
  days: number[];
  /** `HH:MM`, local time. */
  open: string;
  /** `HH:MM`, local time; before `open` means the day runs past midnight. */
  close: string;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const STEP_MS = 5 * 60_000;
const WEEK_MS = 8 * 86_400_000;

const minutes = (hhmm: string) => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** Whether the hours are open at `at`; no hours at all means always open. */
export const isOpen = (hours: BusinessHours | undefined, at = new Date()): boolean => {
  if (!hours) return true;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: hours.timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const day = WEEKDAYS.indexOf(parts.weekday ?? '');
  const now = Number(parts.hour) * 60 + Number(parts.minute);
  const open = minutes(hours.open);
  const close = minutes(hours.close);
  if (open <= close) return hours.days.includes(day) && now >= open && now < close;
  // Past midnight: the evening belongs to today, the small hours to yesterday's opening.
  return (hours.days.includes(day) && now >= open) || (hours.days.includes((day + 6) % 7) && now < close);
};

/** When the hours next open after `from` (on a five-minute grid), or undefined when they never do. */
export const nextOpening = (hours: BusinessHours | undefined, from = new Date()): Date | undefined => {
  if (!hours) return undefined;
  const start = Math.ceil(from.getTime() / STEP_MS) * STEP_MS;
  for (let t = start; t < start + WEEK_MS; t += STEP_MS) if (isOpen(hours, new Date(t))) return new Date(t);
  return undefined;
};
