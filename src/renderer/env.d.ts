import type { EvoBridge } from '../shared/ipc/bridge';

declare global {
  interface Window {
    /** The contract-generated bridge exposed by the preload (or the e2e harness). */
    readonly evo?: EvoBridge;
  }
}
