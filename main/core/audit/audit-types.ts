/** Audit vocabulary: every decision of DESIGN.md §2.7. */

export type AuditKind =
  | 'allowed' // a call was admitted under a session
  | 'denied' // a call was refused (no session and locked down, unknown tool, unauthenticated, expired…)
  | 'pending' // a request was opened (or a call joined one)
  | 'approved' // a person approved a request → a session
  | 'denied-by-user' // a person denied a request
  | 'lapsed' // a pending request lapsed unanswered
  | 'expired' // a call found its session expired
  | 'revoked' // a person revoked a session
  | 'kill' // the kill switch
  | 'rearm' // lockdown ended by a person
  | 'call-result'; // the outcome of an allowed call: ok, error or aborted

/** What a caller appends. Never contains secrets (tokens, OAuth material, tool arguments' values of secrets). */
export interface AuditEntry {
  at: number;
  kind: AuditKind;
  clientId?: string;
  clientName?: string;
  connection?: string;
  tool?: string;
  access?: 'read' | 'write';
  sessionId?: string;
  requestId?: string;
  /** Short human-readable reason or outcome. */
  reason?: string;
}

/** A stored row: the entry plus its place in the chain. */
export interface AuditRow extends AuditEntry {
  seq: number;
  prevHash: string;
  /** sha256(prevHash || canonical(row without hash)) in hex. */
  hash: string;
}
