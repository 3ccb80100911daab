/** What Hallpass fronts: each connection's state, tool count and read/write split, and its sign-in. */
import type { ReactElement } from 'react';
import type { ConnectionView } from '../../contract.ts';
import { useControl } from '../../hooks.ts';
import { ConnectionActions } from './connection-actions.tsx';
import { SignInNote } from './sign-in-note.tsx';

const STATUS_TONE: Record<ConnectionView['status'], 'good' | 'bad' | 'wait' | 'plain'> = {
  running: 'good',
  starting: 'wait',
  restarting: 'wait',
  stopped: 'plain',
  failed: 'bad',
  'needs-auth': 'bad',
};
const KIND_LABEL: Record<ConnectionView['kind'], string> = { stdio: 'Local server', remote: 'Remote server', oauth: 'OAuth connector' };

/** The Connections screen. */
export function ConnectionsView(): ReactElement {
  const connections = useControl((s) => s.connections);
  if (connections.length === 0) {
    return (
      <p className="empty">
        No connections yet. Add one with <code>hallpass servers add NAME -- COMMAND ARGS…</code>
      </p>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">Connections</caption>
        <thead>
          <tr>
            <th scope="col">Connection</th>
            <th scope="col">State</th>
            <th scope="col" className="num">Tools</th>
            <th scope="col" className="num">Read</th>
            <th scope="col" className="num">Write</th>
            <th scope="col"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {connections.map((c) => (
            <tr key={c.id}>
              <td>
                <span className="connection-name">{c.id}</span>
                <span className="sub">{KIND_LABEL[c.kind]} · <code>{c.target}</code></span>
              </td>
              <td>
                <span className={`pill pill-${c.enabled ? STATUS_TONE[c.status] : 'plain'}`}>{c.enabled ? c.status : 'disabled'}</span>
                {c.statusDetail && c.signIn !== 'waiting' ? <span className="sub">{c.statusDetail}</span> : null}
                {c.kind === 'stdio' ? null : <SignInNote connection={c} />}
              </td>
              <td className="num">{c.tools}</td>
              <td className="num">{c.readTools}</td>
              <td className="num">{c.writeTools}</td>
              <td className="actions-cell"><ConnectionActions connection={c} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
