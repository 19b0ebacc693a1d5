/* Notices for the user that arise outside any request (see src/shared/notices.ts). Kept until
 * dismissed, so a screen that subscribes late still shows what happened at start. */
import type { AppNotice } from '../shared/notices';

export class Notices {
  private items: AppNotice[] = [];
  private next = 1;
  private readonly listeners = new Set<(notice: AppNotice) => void>();

  constructor(private readonly now: () => number = Date.now) {}

  add(message: string): AppNotice {
    const notice: AppNotice = { id: String(this.next++), message, at: this.now() };
    this.items.push(notice);
    for (const listener of this.listeners) listener(notice);
    return notice;
  }

  list(): AppNotice[] {
    return [...this.items];
  }

  dismiss(id: string): AppNotice[] {
    this.items = this.items.filter((n) => n.id !== id);
    return this.list();
  }

  /** Returns an unsubscribe function. */
  onAdd(listener: (notice: AppNotice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
