/** The control contract: every command a UI (desktop IPC or serve's HTTP API) may send, and its events. */
import type {
  KillResult, AgentStatusView, ApproveInput, AuditQueryInput, AuditRowView, AuditVerifyView, ClientView, ConnectionView, ConnectResult,
  ControlEvent, DisconnectResult, InstallAgentInput, InstallAgentResult, RequestView, SessionView, StatusView,
} from './schemas.ts';

/** Result of adding a client: the token is shown once and never again. */
export interface AddedClient {
  client: ClientView;
  token: string;
  mcpUrl: string;
}

/** Raised for refusals a UI should show as-is (unknown id, widening, locked down…). */
export class ControlError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
    this.name = 'ControlError';
  }
}

export interface Control {
  status(): StatusView;
  requests(): RequestView[];
  sessions(): SessionView[];
  connections(): ConnectionView[];
  clients(): ClientView[];
  approve(requestId: string, input: ApproveInput): SessionView;
  deny(requestId: string): RequestView;
  revoke(sessionId: string): SessionView;
  /** Opens a new pending request with the session's scope: more time is always a new approval. */
  extend(sessionId: string): RequestView;
  kill(): KillResult;
  rearm(): StatusView;
  audit(query: AuditQueryInput): AuditRowView[];
  auditVerify(): AuditVerifyView;
  auditExport(format: 'jsonl' | 'csv'): string;
  addClient(name: string): AddedClient;
  /** Starts the sign-in of a remote or OAuth connection: opens the browser and answers its address at once; the flow
   * completes in the background (event `connections`). 404 unknown, 400 stdio, 409 while one is already waiting. */
  connect(connectionId: string): Promise<ConnectResult>;
  /** Revokes a connection's tokens at the provider (where offered) and deletes them from the keychain. */
  disconnect(connectionId: string): Promise<DisconnectResult>;
  /** Registers an agent app as a client and writes its config file (or, dry run, says what would change). */
  installAgent(input: InstallAgentInput): Promise<InstallAgentResult>;
  /** Per known agent app: installed here, and configured for this Hallpass (reads files, probes nothing). */
  agentStatus(): Promise<AgentStatusView[]>;
  /** Subscribe to state changes; returns an unsubscribe function. */
  onEvent(listener: (event: ControlEvent) => void): () => void;
}
