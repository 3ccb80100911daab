/** Enter approves only when the person's focus is on the prompt (or on nothing); Esc denies unless typing elsewhere. */
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { RefObject } from 'react';

/** Listens for the prompt's keys while mounted. */
export function usePromptKeys(card: RefObject<HTMLElement | null>, actions: { approve(): void; deny(): void }): void {
  const latest = useRef(actions);
  useLayoutEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing || event.repeat) return;
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const target = event.target instanceof Element ? event.target : null;
      const onNothing = target === null || target === document.body || target === document.documentElement;
      const inCard = target !== null && card.current?.contains(target) === true;
      if (event.key === 'Escape') {
        // Denying is always safe, so Esc works from anywhere except another field being typed in.
        if (!inCard && target?.closest('input, textarea, select')) return;
        event.preventDefault();
        latest.current.deny();
      } else if (event.key === 'Enter') {
        // SECURITY: an Enter meant for another control (typing a client name, a tab) never approves.
        if (!onNothing && !inCard) return;
        // Enter on a focused button, link or disclosure activates that control instead (e.g. Deny).
        if (target?.closest('button, a, summary, select, textarea')) return;
        event.preventDefault();
        latest.current.approve();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [card]);
}
