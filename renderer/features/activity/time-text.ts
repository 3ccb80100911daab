/** Local times for the activity log. */

/** "14:05:09", with the date in front when it is not today. */
export function timeText(at: number, now: number = Date.now()): string {
  const when = new Date(at);
  const time = when.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  return when.toDateString() === new Date(now).toDateString()
    ? time
    : `${when.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${time}`;
}
