/** A new client's configuration, shown once: after "Done" the token is gone from the page. */
import { useEffect, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import type { AddedClient } from '../../contract.ts';
import { clientConfigText } from './client-config.ts';

/** The one-time panel with the token, MCP URL and ready-to-paste config. */
export function AddedClientPanel({ added, onDone }: { added: AddedClient; onDone: () => void }): ReactElement {
  const { json, claudeCode } = clientConfigText(added.mcpUrl, added.token);
  const [copied, setCopied] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const copy = (label: string, text: string): void => {
    void navigator.clipboard.writeText(text).then(() => setCopied(label), () => setCopied(undefined));
  };
  return (
    <section className="added-client" aria-labelledby="added-title">
      <h2 id="added-title" ref={heading} tabIndex={-1}>{added.client.name} is registered</h2>
      <p className="warning-text">Copy its configuration now. The token is shown only this once.</p>
      <dl className="facts">
        <dt>MCP URL</dt>
        <dd><code>{added.mcpUrl}</code></dd>
        <dt>Token</dt>
        <dd><code className="secret">{added.token}</code></dd>
      </dl>
      <h3>Client configuration (JSON)</h3>
      <pre className="config" tabIndex={0} aria-label="Client configuration JSON">{json}</pre>
      <h3>Claude Code</h3>
      <pre className="config" tabIndex={0} aria-label="Claude Code command">{claudeCode}</pre>
      <div className="row">
        <button type="button" className="button small" onClick={() => copy('JSON', json)}>Copy JSON</button>
        <button type="button" className="button small" onClick={() => copy('command', claudeCode)}>Copy command</button>
        <span role="status" className="muted">{copied ? `Copied the ${copied}.` : ''}</span>
        <button type="button" className="button primary push" onClick={onDone}>Done</button>
      </div>
    </section>
  );
}
