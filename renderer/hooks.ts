/** React access to the window's services: stores by selector, and the shared ticker. */
import { createContext, useContext, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import type { Services } from './services.ts';
import type { AuditActions, AuditState } from './stores/audit-store.ts';
import type { ControlActions, ControlState } from './stores/control-store.ts';

/** Provides the services to every screen. */
export const ServicesContext = createContext<Services | null>(null);

/** The services of this window. */
export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesContext');
  return services;
}

/** A slice of the control store (select primitives or stable references). */
export function useControl<T>(select: (state: ControlState & ControlActions) => T): T {
  return useStore(useServices().control, select);
}

/** A slice of the audit store. */
export function useAudit<T>(select: (state: AuditState & AuditActions) => T): T {
  return useStore(useServices().audit, select);
}

/**
 * A value derived from the shared clock. The component re-renders only when the derived value
 * changes, so a countdown re-renders its text once a second and its row only when its phase changes.
 */
export function useTick<T extends string | number | boolean>(select: (now: number) => T): T {
  const { ticker } = useServices();
  return useSyncExternalStore(ticker.subscribe, () => select(ticker.now()));
}
