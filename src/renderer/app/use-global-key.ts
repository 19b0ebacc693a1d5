/* A shortcut that works anywhere in the window (Ctrl/Cmd+K, "?"), for as long as the
 * component that owns it is mounted. */
import { useEffect, useRef } from 'react';

export function useGlobalKey(matches: (e: KeyboardEvent) => boolean, onKey: () => void): void {
  const latest = useRef({ matches, onKey });
  useEffect(() => {
    latest.current = { matches, onKey };
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => {
      if (!latest.current.matches(e)) return;
      e.preventDefault();
      latest.current.onKey();
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
