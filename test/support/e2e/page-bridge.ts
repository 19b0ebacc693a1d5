/* Runs INSIDE the e2e page (bundled to an init script by ./bridge-script.ts). It builds
 * `window.evo` with the very createBridge the real preload uses; only the transport
 * differs: calls go to a Playwright binding (bound to the real router in Node), events
 * arrive through __evoEmit, which the harness calls with page.evaluate. */
import { BRIDGE_GLOBAL, createBridge } from '../../../src/shared/ipc/bridge';

/** The harness sends answers and events as JSON text (see harness.ts for why). */
type Binding = (channel: string, request: unknown) => Promise<string>;
const w = globalThis as unknown as Record<string, unknown>;
const listeners = new Map<string, Set<(payload: unknown) => void>>();

Object.defineProperty(globalThis, '__evoEmit', {
  value: (event: string, payload: string) => {
    const value: unknown = JSON.parse(payload);
    listeners.get(event)?.forEach((l) => l(value));
  },
});

const bridge = createBridge({
  // Looked up per call: Playwright installs the binding alongside init scripts.
  invoke: async (channel, request) => JSON.parse(await (w.__evoInvoke as Binding)(channel, request)) as unknown,
  subscribe(event, listener) {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  },
});

// Like contextBridge.exposeInMainWorld: read-only, not replaceable by page code.
Object.defineProperty(globalThis, BRIDGE_GLOBAL, { value: bridge, writable: false, configurable: false, enumerable: true });
