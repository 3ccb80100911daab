/** Where a connection stands with its sign-in, for the buttons the person gets. */
import type { ConnectionView } from '../../contract.ts';

/**
 * `none`: nothing to sign in to (local server, disabled). `waiting`: a sign-in is open in the browser.
 * `new`: never connected. `lapsed`: its authorization ended (Reconnect). `broken`: failed for another reason.
 * `connected`: running.
 */
export type SignInPhase = 'none' | 'waiting' | 'new' | 'lapsed' | 'broken' | 'connected';

/** The phase of one connection. */
export function signInPhase(c: ConnectionView): SignInPhase {
  if (c.kind === 'stdio' || !c.enabled) return 'none';
  if (c.signIn === 'waiting') return 'waiting';
  if (c.status === 'running') return 'connected';
  // Both connection kinds say "not connected yet" until the first sign-in (a failed first try keeps it new).
  if (c.signIn === 'failed' || /not connected yet/.test(c.statusDetail ?? '')) return c.status === 'needs-auth' ? 'new' : 'broken';
  if (c.status === 'needs-auth') return 'lapsed';
  return c.status === 'failed' ? 'broken' : 'new';
}
