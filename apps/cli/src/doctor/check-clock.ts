// The local clock against the server's `Date` header. Access tokens live 30–60 minutes and are renewed
// a minute before they expire, by this machine's clock: a skew of minutes renews too late (401s) or
// keeps renewing.
import { type Finding, finding } from './finding.js';

const FINE_SECONDS = 30;
const BROKEN_SECONDS = 120;

/** `sentAt`/`receivedAt`: local times around the request (the server's clock is read in between). */
export function checkClock(
  dateHeader: string | null | undefined,
  sentAt: number,
  receivedAt: number,
): Finding {
  if (!dateHeader) {
    return finding(
      'clock',
      'warn',
      'the server sent no Date header: its clock cannot be compared with this one',
      {
        advice: 'make sure this machine keeps time (NTP: timedatectl status)',
      },
    );
  }
  const server = Date.parse(dateHeader);
  if (Number.isNaN(server)) {
    return finding(
      'clock',
      'warn',
      `the server's Date header is not a date: ${JSON.stringify(dateHeader.slice(0, 40))}`,
    );
  }
  // The header has whole seconds: compare with the middle of the exchange, to the second.
  const skewSeconds = Math.round((server - (sentAt + receivedAt) / 2) / 1000);
  const size = Math.abs(skewSeconds);
  const direction = skewSeconds > 0 ? 'ahead of' : 'behind';
  const data = { skewSeconds, serverDate: new Date(server).toISOString() };
  if (size <= FINE_SECONDS) {
    return finding('clock', 'ok', `the server's clock is within ${Math.max(size, 1)} s of this machine's`, {
      data,
    });
  }
  const summary = `the server's clock is ${size >= 120 ? `${Math.round(size / 60)} min` : `${size} s`} ${direction} this machine's`;
  const advice =
    "sync the clocks (NTP on both: timedatectl set-ntp true); token expiry is judged by this machine's clock";
  return finding('clock', size < BROKEN_SECONDS ? 'warn' : 'fail', summary, { advice, data });
}
