/** A clearly marked access level: words and colour, never colour alone. */
import type { ReactElement } from 'react';

/** "Read only" or "Read & write". */
export function AccessBadge({ access }: { access: 'read' | 'write' }): ReactElement {
  return access === 'write'
    ? <span className="badge badge-write">Read &amp; write</span>
    : <span className="badge badge-read">Read only</span>;
}
