/**
 * The renderer's only window onto the control contract: its types and zod schemas, nothing else.
 * Every other renderer file imports the contract from here, so the lint fence around `main/**`
 * has exactly one reviewed exception.
 */
export type { AddedClient, Control } from '../main/core/control/control-types.ts';
export {
  accessSchema,
  addedClientSchema,
  agentStatusViewSchema,
  approveInputSchema,
  auditRowViewSchema,
  auditVerifyViewSchema,
  clientViewSchema,
  connectionIdSchema,
  connectionViewSchema,
  connectResultSchema,
  controlEventSchema,
  disconnectResultSchema,
  installAgentInputSchema,
  installAgentResultSchema,
  killResultSchema,
  requestViewSchema,
  sessionViewSchema,
  statusViewSchema,
} from '../main/core/control/schemas.ts';
export type {
  AgentClient,
  AgentStatusView,
  ApproveInput,
  AuditQueryInput,
  AuditRowView,
  AuditVerifyView,
  ClientView,
  ConnectionView,
  ConnectResult,
  ControlEvent,
  DisconnectResult,
  InstallAgentInput,
  InstallAgentResult,
  RequestView,
  SessionView,
  StatusView,
} from '../main/core/control/schemas.ts';
