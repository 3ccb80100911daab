/** The scope of a request or session: each connection with its access and, if narrowed, its tools. */
import type { ReactElement } from 'react';
import type { RequestView } from '../contract.ts';
import { AccessBadge } from './access-badge.tsx';

type Grant = RequestView['grants'][number];

/** A compact list of grants. */
export function GrantList({ grants }: { grants: Grant[] }): ReactElement {
  return (
    <ul className="grants" aria-label="Scope">
      {grants.map((g) => (
        <li key={`${g.connection}:${g.access}`}>
          <span className="connection-name">{g.connection}</span>
          <AccessBadge access={g.access} />
          {g.tools && g.tools.length > 0 ? <span className="tools-note">{g.tools.join(', ')}</span> : null}
        </li>
      ))}
    </ul>
  );
}
