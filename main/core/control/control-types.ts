/** The control contract: every command a UI (desktop IPC or serve's HTTP API) may send, and its events. */
import type {
  ApproveInput, AuditQueryInput, AuditRowView, AuditVerifyView, ClientView, ConnectionView,
  ControlEvent, RequestView, SessionView, StatusView,
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
  kill(): { revokedSessions: number; abortedCalls: number; deniedRequests: number };
  rearm(): StatusView;
  audit(query: AuditQueryInput): AuditRowView[];
  auditVerify(): AuditVerifyView;
  auditExport(format: 'jsonl' | 'csv'): string;
  addClient(name: string): AddedClient;
  /** Subscribe to state changes; returns an unsubscribe function. */
  onEvent(listener: (event: ControlEvent) => void): () => void;
}
