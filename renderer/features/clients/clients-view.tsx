/** Which agents are registered, connecting an agent app in one step, and adding any other client by hand. */
import { useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import type { AddedClient } from '../../contract.ts';
import { useControl } from '../../hooks.ts';
import { timeText } from '../activity/time-text.ts';
import { ConnectAgentPanel } from '../agents/connect-agent-panel.tsx';
import { AddedClientPanel } from './added-client.tsx';

/** The Clients screen. */
export function ClientsView(): ReactElement {
  const clients = useControl((s) => s.clients);
  const addClient = useControl((s) => s.addClient);
  const [name, setName] = useState('');
  // SECURITY: the one-time token lives only in this component's state, never in a store.
  const [added, setAdded] = useState<AddedClient>();
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await addClient(name.trim());
    if (result) {
      setAdded(result);
      setName('');
    }
  };
  return (
    <div className="stack">
      <ConnectAgentPanel />
      <h2 className="section-title">Clients</h2>
      {added ? <AddedClientPanel added={added} onDone={() => setAdded(undefined)} /> : (
        <form className="add-client" onSubmit={(e) => void submit(e)}>
          <label>
            <span>New client name</span>
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={64} placeholder="e.g. Claude Code" autoComplete="off" required />
          </label>
          <button type="submit" className="button primary" disabled={name.trim() === ''}>Add client</button>
        </form>
      )}
      {clients.length === 0 ? <p className="empty">No clients registered yet.</p> : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">Registered clients</caption>
            <thead>
              <tr><th scope="col">Name</th><th scope="col">Added</th></tr>
            </thead>
            <tbody>
              {clients.map((c) => (
                <tr key={c.id}><td>{c.name}</td><td className="clock">{timeText(c.createdAt)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
