/* Window bounds and maximised state, remembered in the settings store (which keeps it
 * as opaque data). Validated on read: a hand-edited or stale settings file must not
 * produce a window off every screen or of absurd size. */
import { z } from 'zod';

export const WindowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowStateStore {
  windowState(): unknown;
  setWindowState(state: unknown): void;
}

/** The saved state, dropping a position that is on none of the given displays' work areas. */
export function restoreWindowState(saved: unknown, workAreas: readonly Rect[]): WindowState {
  const parsed = WindowStateSchema.safeParse(saved);
  if (!parsed.success) return { ...DEFAULT_WINDOW_STATE };
  const state = parsed.data;
  if (state.x === undefined || state.y === undefined) return { width: state.width, height: state.height, maximized: state.maximized };
  const { x, y } = state;
  // Visible enough: the top-left 100×50 px of the title bar lies on some display.
  const onScreen = workAreas.some((a) => x + 100 > a.x && x < a.x + a.width && y >= a.y && y + 50 <= a.y + a.height);
  return onScreen ? state : { width: state.width, height: state.height, maximized: state.maximized };
}
