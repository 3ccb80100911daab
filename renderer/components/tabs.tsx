/** Accessible tabs (WAI-ARIA pattern): arrow keys move between tabs, the panel follows. */
import { useRef } from 'react';
import type { KeyboardEvent, ReactElement, ReactNode } from 'react';

/** One tab: its id, label and optional count. */
export interface TabSpec<T extends string> {
  id: T;
  label: string;
  count?: number;
}

/** The tab strip; the caller renders the panel with `tabPanelProps`. */
export function Tabs<T extends string>(props: { tabs: TabSpec<T>[]; current: T; onSelect: (id: T) => void; label: string }): ReactElement {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent): void => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const index = props.tabs.findIndex((t) => t.id === props.current);
    let next: number | undefined;
    if (step !== 0) next = (index + step + props.tabs.length) % props.tabs.length;
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = props.tabs.length - 1;
    const tab = next === undefined ? undefined : props.tabs[next];
    if (!tab) return;
    event.preventDefault();
    props.onSelect(tab.id);
    refs.current.get(tab.id)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={props.label} onKeyDown={onKeyDown}>
      {props.tabs.map((tab) => (
        <button
          key={tab.id}
          ref={(el) => { if (el) refs.current.set(tab.id, el); else refs.current.delete(tab.id); }}
          type="button"
          role="tab"
          id={`tab-${tab.id}`}
          aria-selected={tab.id === props.current}
          aria-controls={`panel-${tab.id}`}
          tabIndex={tab.id === props.current ? 0 : -1}
          onClick={() => props.onSelect(tab.id)}
        >
          {tab.label}
          {tab.count !== undefined ? <span className="tab-count">{tab.count}</span> : null}
        </button>
      ))}
    </div>
  );
}

/** The panel that belongs to the current tab. */
export function TabPanel({ id, children }: { id: string; children: ReactNode }): ReactElement {
  return (
    <div className="panel" role="tabpanel" id={`panel-${id}`} aria-labelledby={`tab-${id}`} tabIndex={0}>
      {children}
    </div>
  );
}
