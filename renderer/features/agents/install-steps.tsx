/** The two later steps of Connect an agent: the reviewed plan (dry run), and what was written. */
import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';
import type { AgentClient, InstallAgentResult } from '../../contract.ts';
import { restartHint } from './agent-texts.ts';

const CHANGE_TEXT: Record<InstallAgentResult['action'], string> = {
  created: 'Adds a Hallpass entry',
  updated: 'Updates the Hallpass entry',
  unchanged: 'Nothing to change',
};

/** A heading that takes focus when its step appears (screen readers hear the new step). */
function StepHeading({ children }: { children: string }): ReactElement {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return <h3 ref={heading} tabIndex={-1}>{children}</h3>;
}

/** The dry run: the file, the client, the redacted diff; Apply or Back. */
export function InstallPlan(props: { name: string; result: InstallAgentResult; busy: boolean; onApply: () => void; onBack: () => void }): ReactElement {
  const { result } = props;
  const nothing = result.action === 'unchanged';
  return (
    <div className="install-step">
      <StepHeading>{nothing ? `${props.name} is already connected` : `Review the change for ${props.name}`}</StepHeading>
      <dl className="facts">
        <dt>File</dt>
        <dd><code>{result.file}</code></dd>
        <dt>Hallpass client</dt>
        <dd>{result.clientName}</dd>
        <dt>Change</dt>
        <dd>{CHANGE_TEXT[result.action]}</dd>
      </dl>
      {result.warnings.length > 0 ? <ul className="notes">{result.warnings.map((w) => <li key={w}>{w}</li>)}</ul> : null}
      {nothing ? null : (
        <pre className="config" tabIndex={0} aria-label={`Planned change to ${result.file}`}>{result.plan}</pre>
      )}
      <div className="row">
        {nothing ? null : <button type="button" className="button primary" disabled={props.busy} onClick={props.onApply}>{props.busy ? 'Writing…' : 'Apply'}</button>}
        <button type="button" className="button" onClick={props.onBack}>{nothing ? 'Done' : 'Back'}</button>
      </div>
    </div>
  );
}

/** After the write: where it went, the backup, and how the app picks it up. */
export function InstallDone(props: { client: AgentClient; name: string; result: InstallAgentResult; onDone: () => void }): ReactElement {
  const { result } = props;
  return (
    <div className="install-step done">
      <StepHeading>{result.action === 'unchanged' ? `${props.name} was already connected` : `${props.name} is connected to Hallpass`}</StepHeading>
      <dl className="facts">
        <dt>{result.action === 'unchanged' ? 'File' : 'Written to'}</dt>
        <dd><code>{result.file}</code></dd>
        {result.backup ? (
          <>
            <dt>Backup</dt>
            <dd><code>{result.backup}</code></dd>
          </>
        ) : null}
        <dt>Hallpass client</dt>
        <dd>{result.clientName}</dd>
      </dl>
      <p className="next-step">{restartHint(props.client, props.name)}</p>
      <div className="row">
        <button type="button" className="button primary" onClick={props.onDone}>Done</button>
      </div>
    </div>
  );
}
