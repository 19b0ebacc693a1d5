/* Two panes side by side with a divider the user drags (mouse, touch) or moves with ←/→
 * (Home/End: the limits; double-click: back to the default). The share is remembered across
 * restarts (a preference of this computer). Each pane keeps a minimum width in pixels; when the
 * window is too narrow for both, the first pane gives way last.
 *
 * Why not react-resizable-panels: its v4 hit-tests dividers from document-level capture
 * listeners, which in a layout-less DOM (the jsdom tests) take every click for a drag. */
import { Box } from '@chakra-ui/react';
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { numberIn, readPreference, writePreference } from './preferences';

export interface SplitPaneProps {
  /** Preference key the share is remembered under. */
  storageKey: string;
  /** First pane's share of the width, 0..1, until the user moves the divider. */
  defaultShare: number;
  firstMinPx: number;
  secondMinPx: number;
  /** Names the divider for assistive technology. */
  label: string;
  first: ReactNode;
  second: ReactNode;
}

const KEY_STEP = 0.02;
const DIVIDER_PX = 9;

export function SplitPane({ storageKey, defaultShare, firstMinPx, secondMinPx, label, first, second }: SplitPaneProps) {
  const [share, setShare] = useState(() => readPreference(storageKey, numberIn(0.05, 0.95), defaultShare));
  const container = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  useEffect(() => {
    const t = setTimeout(() => writePreference(storageKey, share), 200);
    return () => clearTimeout(t);
  }, [share, storageKey]);

  /** Keeps both panes at or above their minimum, given the container's width now. */
  const clamp = (next: number): number => {
    const width = container.current?.clientWidth ?? 0;
    if (width <= DIVIDER_PX) return Math.min(0.95, Math.max(0.05, next));
    const usable = width - DIVIDER_PX;
    const low = Math.min(firstMinPx / usable, 0.95);
    const high = Math.max(low, 1 - secondMinPx / usable);
    return Math.min(high, Math.max(low, next));
  };
  const fromPointer = (clientX: number) => {
    const box = container.current?.getBoundingClientRect();
    if (!box || box.width <= DIVIDER_PX) return;
    setShare(clamp((clientX - box.left - DIVIDER_PX / 2) / (box.width - DIVIDER_PX)));
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    dragging.current = true;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    e.preventDefault();
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (dragging.current) fromPointer(e.clientX);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    dragging.current = false;
    e.currentTarget.releasePointerCapture?.(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = e.key === 'ArrowLeft' ? share - KEY_STEP : e.key === 'ArrowRight' ? share + KEY_STEP : e.key === 'Home' ? 0 : e.key === 'End' ? 1 : null;
    if (next === null) return;
    e.preventDefault();
    setShare(clamp(next));
  };

  const percent = Math.round(share * 100);
  return (
    <Box ref={container} display="flex" h="100%" minH="0" minW="0" data-testid="split-pane">
      <Box flex={`0 1 calc(${share * 100}% - ${DIVIDER_PX / 2}px)`} minW={`${firstMinPx}px`} minH="0" overflow="hidden" data-testid="split-first">
        {first}
      </Box>
      <Box
        role="separator"
        aria-orientation="vertical"
        aria-label={label}
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onKeyDown={onKeyDown}
        onDoubleClick={() => setShare(clamp(defaultShare))}
        flex={`0 0 ${DIVIDER_PX}px`}
        cursor="col-resize"
        display="flex"
        justifyContent="center"
        touchAction="none"
        css={{ '&:hover > div, &:focus-visible > div': { background: 'var(--evo-focus)', width: '3px' } }}
      >
        <Box w="1px" h="100%" bg="border" />
      </Box>
      <Box flex="1 1 0" minW={`${secondMinPx}px`} minH="0" overflow="hidden" data-testid="split-second">
        {second}
      </Box>
    </Box>
  );
}
