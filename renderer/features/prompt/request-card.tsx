/** One pending request, readable in two seconds: who, what for, which connections, how long. */
import { useEffect, useId, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { Elapsed } from '../../components/countdown.tsx';
import type { RequestView } from '../../contract.ts';
import { useControl } from '../../hooks.ts';
import { minutesLabel } from '../sessions/clock-text.ts';
import { chosenMinutes, initialChoice, toApproveInput } from './approve-choice.ts';
import type { ApproveChoice } from './approve-choice.ts';
import { DurationChoice } from './duration-choice.tsx';
import { ScopeChoice } from './scope-choice.tsx';
import { usePromptKeys } from './use-prompt-keys.ts';

/** How long a new prompt ignores approval, so a key press already underway cannot approve it. */
export const ARM_DELAY_MS = 500;

/** The prompt card; keyed by request id so each request starts from what it asked. */
export function RequestCard({ request, position, total }: { request: RequestView; position: number; total: number }): ReactElement {
  const approve = useControl((s) => s.approve);
  const deny = useControl((s) => s.deny);
  const [choice, setChoice] = useState<ApproveChoice>(() => initialChoice(request));
  const [armed, setArmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const card = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const ids = useId();

  useEffect(() => {
    // SECURITY: approval is armed only after the person could have seen this request.
    const timer = setTimeout(() => setArmed(true), ARM_DELAY_MS);
    if (document.activeElement === null || document.activeElement === document.body) heading.current?.focus();
    return () => clearTimeout(timer);
  }, []);

  const input = toApproveInput(request, choice);
  const problem = 'problem' in input ? input.problem : undefined;
  const minutes = chosenMinutes(request, choice);
  const decide = async (run: () => Promise<boolean>): Promise<void> => {
    setBusy(true);
    if (!(await run())) setBusy(false);
  };
  const onApprove = (): void => {
    if (!armed || busy || 'problem' in input) return;
    void decide(() => approve(request.id, input));
  };
  const onDeny = (): void => {
    if (!busy) void decide(() => deny(request.id));
  };
  usePromptKeys(card, { approve: onApprove, deny: onDeny });
  const change = (patch: Partial<ApproveChoice>): void => setChoice((c) => ({ ...c, ...patch }));

  return (
    <article className="request-card" ref={card} aria-labelledby={`${ids}-title`} aria-describedby={`${ids}-task`}>
      <header className="request-head">
        <p className="eyebrow">
          Approval needed{total > 1 ? ` · ${position} of ${total}` : ''}
        </p>
        <p className="waiting">
          Waiting <Elapsed since={request.createdAt} />
        </p>
      </header>
      <h2 id={`${ids}-title`} ref={heading} tabIndex={-1}>
        <span className="client-name">{request.clientName}</span> asks for access
      </h2>
      <p className="task" id={`${ids}-task`}>
        <span className="sr-only">Task, in the agent&apos;s words: </span>
        {request.task}
      </p>
      <ScopeChoice request={request} choice={choice} onChange={change} />
      {request.trigger ? (
        <details className="trigger">
          <summary>
            <span className="muted">Triggered by</span> <code>{request.trigger.tool}</code>{' '}
            <span className="args-preview">{request.trigger.argsSummary}</span>
          </summary>
          <pre className="args-full">{request.trigger.argsSummary}</pre>
        </details>
      ) : null}
      <DurationChoice request={request} choice={choice} onChange={change} />
      {problem ? <p className="problem" role="alert">{problem}</p> : null}
      <div className="decision">
        <button type="button" className="button primary" disabled={!armed || busy || problem !== undefined} aria-keyshortcuts="Enter" onClick={onApprove}>
          Approve{minutes !== undefined ? ` for ${minutesLabel(minutes)}` : ''} <kbd aria-hidden="true">Enter</kbd>
        </button>
        <button type="button" className="button" disabled={busy} aria-keyshortcuts="Escape" onClick={onDeny}>
          Deny <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
    </article>
  );
}
