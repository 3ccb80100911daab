/** "Connect an agent": pick the app and where, review the change (a dry run), apply it, then restart the app. */
import { useEffect, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import type { AgentClient, InstallAgentInput, InstallAgentResult } from '../../contract.ts';
import { useControl } from '../../hooks.ts';
import { agentStateText } from './agent-texts.ts';
import { InstallDone, InstallPlan } from './install-steps.tsx';

type Step = { kind: 'choose' } | { kind: 'planned'; input: InstallAgentInput; result: InstallAgentResult } | { kind: 'done'; result: InstallAgentResult };

/** The panel at the top of the Clients screen. */
export function ConnectAgentPanel(): ReactElement {
  const agents = useControl((s) => s.agents);
  const refreshAgents = useControl((s) => s.refreshAgents);
  const installAgent = useControl((s) => s.installAgent);
  const [client, setClient] = useState<AgentClient>();
  const [scope, setScope] = useState<'user' | 'project'>('user');
  const [projectDir, setProjectDir] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [busy, setBusy] = useState(false);
  useEffect(() => void refreshAgents(), [refreshAgents]);

  const chosen = agents?.find((a) => a.client === client);
  const projectScope = scope === 'project' && chosen?.scopes.includes('project') === true;
  const ready = chosen !== undefined && (!projectScope || projectDir.trim() !== '');
  const run = async (input: InstallAgentInput, next: (result: InstallAgentResult) => Step): Promise<void> => {
    setBusy(true);
    try {
      const result = await installAgent(input);
      if (result) setStep(next(result));
    } finally {
      setBusy(false);
    }
  };
  const review = (event: FormEvent): void => {
    event.preventDefault();
    if (!chosen) return;
    const input: InstallAgentInput = { client: chosen.client, ...(projectScope ? { scope: 'project', projectDir: projectDir.trim() } : {}) };
    void run({ ...input, dryRun: true }, (result) => ({ kind: 'planned', input, result }));
  };
  const restart = (): void => setStep({ kind: 'choose' });

  return (
    <section className="connect-agent" aria-labelledby="connect-agent-title">
      <h2 id="connect-agent-title">Connect an agent</h2>
      <p className="muted">Hallpass registers the app as a client and writes its MCP settings for you. The app&rsquo;s token goes straight into its own file and is never shown here.</p>
      {step.kind === 'planned' && chosen ? (
        <InstallPlan name={chosen.name} result={step.result} busy={busy} onBack={restart} onApply={() => void run(step.input, (result) => ({ kind: 'done', result }))} />
      ) : null}
      {step.kind === 'done' && chosen ? <InstallDone client={chosen.client} name={chosen.name} result={step.result} onDone={restart} /> : null}
      {step.kind === 'choose' ? (
        <form className="agent-form" onSubmit={review}>
          <fieldset>
            <legend>App</legend>
            {agents === undefined ? <p className="muted">Looking for agent apps…</p> : (
              <ul className="choice-list">
                {agents.map((a) => (
                  <li key={a.client}>
                    <label className="choice">
                      <input type="radio" name="agent-app" value={a.client} checked={client === a.client} onChange={() => { setClient(a.client); if (!a.scopes.includes('project')) setScope('user'); }} />
                      <span>
                        <span className="choice-name">{a.name}</span>
                        <span className={`sub state-${a.state}`}>{agentStateText(a)}{a.detail ? ` — ${a.detail}` : ''}</span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
          <fieldset>
            <legend>Where</legend>
            <div className="row scope-row">
              <label className="check"><input type="radio" name="agent-scope" checked={scope === 'user'} onChange={() => setScope('user')} />For all projects</label>
              <label className="check">
                <input type="radio" name="agent-scope" checked={scope === 'project'} disabled={chosen !== undefined && !chosen.scopes.includes('project')} onChange={() => setScope('project')} />
                In one project
              </label>
            </div>
            {chosen && !chosen.scopes.includes('project') ? <p className="hint">{chosen.name} keeps one settings file for everything.</p> : null}
            {projectScope ? (
              <label className="field">
                <span>Project folder</span>
                <input value={projectDir} onChange={(e) => setProjectDir(e.target.value)} placeholder="/home/you/code/my-app" autoComplete="off" spellCheck={false} aria-describedby="project-dir-hint" required />
                <span id="project-dir-hint" className="hint">The full path of the project&rsquo;s folder on this computer.</span>
              </label>
            ) : null}
          </fieldset>
          <div className="row">
            <button type="submit" className="button primary" disabled={!ready || busy}>{busy ? 'Checking…' : 'Review the change'}</button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
