/** What the person chose in the approval prompt, and how it becomes an ApproveInput that can only narrow. */
import type { ApproveInput, RequestView } from '../../contract.ts';

/** Duration presets of the prompt, in minutes. */
export const PRESET_MINUTES = [5, 15, 60] as const;
const DEFAULT_MINUTES = 15;

/** The prompt's editable state. */
export interface ApproveChoice {
  /** A preset, or 'custom' with `customMinutes`. */
  preset: number | 'custom';
  customMinutes: string;
  /** Connections kept (a subset of those asked). */
  keep: string[];
  /** Narrow every write grant to read. */
  readOnly: boolean;
}

/** The longest approval the policy allows, in whole minutes (at least 1). */
export function maxMinutes(request: RequestView): number {
  return Math.max(1, Math.floor(request.maxTtlSeconds / 60));
}

/** The connections a request asks for, without repeats, in the order asked. */
export function askedConnections(request: RequestView): string[] {
  return [...new Set(request.grants.map((g) => g.connection))];
}

/** True when any asked grant is write (so "read only" would narrow it). */
export function asksWrite(request: RequestView): boolean {
  return request.grants.some((g) => g.access === 'write');
}

/** Starts where the agent asked (its minutes, if a preset fits; else custom), everything asked kept. */
export function initialChoice(request: RequestView): ApproveChoice {
  const max = maxMinutes(request);
  const wanted = Math.min(request.minutes ?? DEFAULT_MINUTES, max);
  const preset = (PRESET_MINUTES as readonly number[]).includes(wanted) ? wanted : 'custom';
  return { preset, customMinutes: String(Math.max(1, Math.round(wanted))), keep: askedConnections(request), readOnly: false };
}

/** The chosen minutes, or undefined when the custom field is not a whole number in 1…max. */
export function chosenMinutes(request: RequestView, choice: ApproveChoice): number | undefined {
  const minutes = choice.preset === 'custom' ? Number(choice.customMinutes) : choice.preset;
  return Number.isInteger(minutes) && minutes >= 1 && minutes <= maxMinutes(request) ? minutes : undefined;
}

/**
 * The approval to send, or a reason why not.
 * INVARIANT: the result never widens the request — connections are a subset of those asked,
 * access is only ever lowered to read, and time never exceeds the policy maximum.
 */
export function toApproveInput(request: RequestView, choice: ApproveChoice): ApproveInput | { problem: string } {
  const minutes = chosenMinutes(request, choice);
  if (minutes === undefined) return { problem: `Choose a duration from 1 to ${maxMinutes(request)} minutes.` };
  const asked = askedConnections(request);
  const keep = asked.filter((c) => choice.keep.includes(c));
  if (keep.length === 0) return { problem: 'Keep at least one connection, or deny the request.' };
  return {
    ttlSeconds: Math.min(minutes * 60, request.maxTtlSeconds),
    ...(keep.length < asked.length ? { connections: keep } : {}),
    ...(choice.readOnly && asksWrite(request) ? { access: 'read' as const } : {}),
  };
}
