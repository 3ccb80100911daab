/** Thin adapter from ShellNotice to Electron's Notification; keeps each alive until closed so clicks still arrive. */
import type { Disposable, Log } from '../core/model.ts';
import type { ShellNotice } from './notification-decisions.ts';

/** The part of Electron's Notification used here. */
export interface NotificationLike {
  show(): void;
  close(): void;
  on(event: 'click' | 'close', listener: () => void): unknown;
}

/** Electron's `Notification.isSupported()` and `new Notification(options)`. */
export interface NotificationSurface {
  isSupported(): boolean;
  create(options: { title: string; body: string }): NotificationLike;
}

export interface Notifier extends Disposable {
  show(notice: ShellNotice): void;
}

/** Shows notices natively when the platform can; a click calls `onClick`. */
export function createNotifier(deps: { surface: NotificationSurface; onClick(notice: ShellNotice): void; log: Log }): Notifier {
  const live = new Set<NotificationLike>();
  const supported = deps.surface.isSupported();
  if (!supported) deps.log.warn('native notifications are not supported here; the tray and window still show requests');
  return {
    show(notice) {
      if (!supported) return;
      const note = deps.surface.create({ title: notice.title, body: notice.body });
      live.add(note);
      note.on('click', () => deps.onClick(notice));
      note.on('close', () => live.delete(note));
      note.show();
    },
    dispose() {
      for (const note of live) note.close();
      live.clear();
    },
  };
}
