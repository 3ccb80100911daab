/** The approval area: the oldest (or chosen) pending request, and the queue of the others. */
import { useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import { Elapsed } from '../../components/countdown.tsx';
import type { RequestView } from '../../contract.ts';
import { useControl } from '../../hooks.ts';
import { RequestCard } from './request-card.tsx';

/** Pending requests, oldest first. */
export function pendingRequests(requests: RequestView[]): RequestView[] {
  return requests.filter((r) => r.state === 'pending').sort((a, b) => a.createdAt - b.createdAt);
}

/** Shows nothing when nothing waits; otherwise the prompt, with a visible queue when several wait. */
export function ApprovalPrompt(): ReactElement {
  const requests = useControl((s) => s.requests);
  const pending = useMemo(() => pendingRequests(requests), [requests]);
  const [chosen, setChosen] = useState<string>();
  const index = Math.max(0, pending.findIndex((r) => r.id === chosen));
  const current = pending[index];
  return (
    <section className="prompt-area" aria-label="Approvals">
      <p className="sr-only" role="status">
        {pending.length === 0 ? '' : `${pending.length} request${pending.length === 1 ? '' : 's'} waiting for approval`}
      </p>
      {current ? <RequestCard key={current.id} request={current} position={index + 1} total={pending.length} /> : null}
      {pending.length > 1 ? (
        <nav className="queue" aria-label="Waiting requests">
          <h3 className="queue-title">In the queue</h3>
          <ol>
            {pending.map((r) => (
              <li key={r.id}>
                <button type="button" className="queue-item" aria-current={r.id === current?.id ? 'true' : undefined} onClick={() => setChosen(r.id)}>
                  <span className="client-name">{r.clientName}</span>
                  <span className="queue-task">{r.task}</span>
                  <Elapsed since={r.createdAt} />
                </button>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
    </section>
  );
}
