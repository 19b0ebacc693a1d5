/* Ctrl-C. While a command has registered a handler, SIGINT calls it instead of killing the
 * process, so long work can stop cleanly (abort a read, cancel a run and let in-flight
 * requests settle and be journalled). One Ctrl-C is enough; later ones only say that the
 * command is already stopping. SIGTERM (a CI timeout, `kill`) is treated the same way.
 * Without a handler, Node's default applies (exit). */
type Handler = () => void;

/** Calls `first` on the first Ctrl-C and `again` on every later one until disposed. */
export function onInterrupt(first: Handler, again?: Handler): () => void {
  let count = 0;
  const listener = () => {
    count += 1;
    if (count === 1) first();
    else again?.();
  };
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  return () => {
    process.off('SIGINT', listener);
    process.off('SIGTERM', listener);
  };
}
