/** Words for the agent apps: their state in a sentence, and how each one loads a changed config. */
import type { AgentClient, AgentStatusView } from '../../contract.ts';

/** "Connected", "Not found on this computer"… */
export function agentStateText(agent: AgentStatusView): string {
  switch (agent.state) {
    case 'connected':
      return 'Connected to Hallpass';
    case 'outdated':
      return 'Points at an older Hallpass setup';
    case 'not-connected':
      return agent.installed ? 'Not connected yet' : 'Not found on this computer';
    case 'problem':
      return 'Needs attention';
  }
}

/** What the person does so the app reads its changed file. */
export function restartHint(client: AgentClient, name: string): string {
  if (client === 'claude-desktop') return `Quit and reopen ${name} to load the change.`;
  if (client === 'claude-code') return `Start a new ${name} session (or run /mcp) to load the change.`;
  return `Reload ${name}'s MCP servers (or restart it) to load the change.`;
}
