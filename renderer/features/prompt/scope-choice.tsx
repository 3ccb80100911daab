/** Narrowing a request's scope: drop connections, lower write to read. Never anything wider. */
import type { ReactElement } from 'react';
import { AccessBadge } from '../../components/access-badge.tsx';
import type { RequestView } from '../../contract.ts';
import { askedConnections, asksWrite } from './approve-choice.ts';
import type { ApproveChoice } from './approve-choice.ts';

/** Checkboxes for the connections asked (when there is more than one) and, when write was asked, a read-only option. */
export function ScopeChoice(props: { request: RequestView; choice: ApproveChoice; onChange: (patch: Partial<ApproveChoice>) => void }): ReactElement {
  const { request, choice, onChange } = props;
  const asked = askedConnections(request);
  const write = asksWrite(request);
  const accessOf = (connection: string): 'read' | 'write' =>
    !choice.readOnly && request.grants.some((g) => g.connection === connection && g.access === 'write') ? 'write' : 'read';
  const toolsOf = (connection: string): string[] =>
    request.grants.filter((g) => g.connection === connection).flatMap((g) => g.tools ?? []);
  const name = `access-${request.id}`;
  return (
    <div className="scope">
      <fieldset>
        <legend>Connections</legend>
        <ul className="scope-list">
          {asked.map((connection) => {
            const kept = choice.keep.includes(connection);
            const tools = toolsOf(connection);
            return (
              <li key={connection}>
                {asked.length === 1 ? <span className="connection-name">{connection}</span> : (
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={kept}
                      disabled={kept && choice.keep.length === 1}
                      onChange={(e) => onChange({ keep: e.target.checked ? [...choice.keep, connection] : choice.keep.filter((c) => c !== connection) })}
                    />
                    <span className="connection-name">{connection}</span>
                  </label>
                )}
                <AccessBadge access={accessOf(connection)} />
                {tools.length > 0 ? <span className="tools-note">only {tools.join(', ')}</span> : null}
              </li>
            );
          })}
        </ul>
      </fieldset>
      {write ? (
        <fieldset className="segmented">
          <legend>Access</legend>
          <label>
            <input type="radio" name={name} checked={!choice.readOnly} onChange={() => onChange({ readOnly: false })} />
            <span>Read &amp; write, as asked</span>
          </label>
          <label>
            <input type="radio" name={name} checked={choice.readOnly} onChange={() => onChange({ readOnly: true })} />
            <span>Read only</span>
          </label>
        </fieldset>
      ) : null}
    </div>
  );
}
