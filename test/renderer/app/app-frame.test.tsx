/* App-wide parts of the console frame: the remembered split, light/dark following the OS and
 * the setting, the keyboard cheat sheet on "?", and the age of offline data on screen derived
 * from React Query. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, renderHook, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { SplitPane } from '../../../src/renderer/app/SplitPane';
import { PREFERENCE_KEYS } from '../../../src/renderer/app/preferences';
import { useColorMode, useColorModeStore } from '../../../src/renderer/app/color-mode';
import { useOldestShownCacheData } from '../../../src/renderer/app/shown-data-age';
import { useConsoleStore } from '../../../src/renderer/app/console-store';
import { ShortcutsDialog } from '../../../src/renderer/features/shortcuts/ShortcutsDialog';
import { renderUi } from '../support/render';

afterEach(cleanup);
beforeEach(() => localStorage.clear());

describe('SplitPane', () => {
  it('moves the divider with the keyboard and remembers where it was across restarts', async () => {
    const split = () => <SplitPane storageKey={PREFERENCE_KEYS.consoleSplit} defaultShare={0.68} firstMinPx={0} secondMinPx={0} label="Divider" first={<p>list</p>} second={<p>detail</p>} />;
    renderUi(split());
    const divider = screen.getByRole('separator', { name: 'Divider' });
    expect(divider.getAttribute('aria-valuenow')).toBe('68');
    fireEvent.keyDown(divider, { key: 'ArrowLeft' });
    fireEvent.keyDown(divider, { key: 'ArrowLeft' });
    expect(divider.getAttribute('aria-valuenow')).toBe('64');
    await waitFor(() => expect(localStorage.getItem(PREFERENCE_KEYS.consoleSplit)).toBe('0.64'));
    cleanup();
    renderUi(split());
    expect(screen.getByRole('separator', { name: 'Divider' }).getAttribute('aria-valuenow')).toBe('64');
  });

  it('reads a damaged preference as the default', () => {
    localStorage.setItem(PREFERENCE_KEYS.consoleSplit, '"{not json');
    renderUi(<SplitPane storageKey={PREFERENCE_KEYS.consoleSplit} defaultShare={0.6} firstMinPx={0} secondMinPx={0} label="Divider" first={null} second={null} />);
    expect(screen.getByRole('separator').getAttribute('aria-valuenow')).toBe('60');
  });
});

describe('colour mode', () => {
  /** The OS colour scheme, as matchMedia reports it (jsdom has none). */
  function emulateSystem(dark: boolean) {
    const listeners = new Set<() => void>();
    const query = { matches: dark, addEventListener: (_: string, l: () => void) => listeners.add(l), removeEventListener: (_: string, l: () => void) => listeners.delete(l) };
    window.matchMedia = (() => query) as unknown as typeof window.matchMedia;
    return (next: boolean) => {
      query.matches = next;
      listeners.forEach((l) => l());
    };
  }

  it('follows the system until the user chooses, and applies it to the page', () => {
    const setSystem = emulateSystem(false);
    useColorModeStore.getState().setPreference('system');
    const { result } = renderHook(() => useColorMode());
    expect(result.current).toBe('light');
    act(() => setSystem(true));
    expect(result.current).toBe('dark');
    expect(document.documentElement.classList.contains('dark')).toBe(true);
    expect(document.documentElement.style.colorScheme).toBe('dark');
    act(() => useColorModeStore.getState().setPreference('light'));
    expect(result.current).toBe('light');
    expect(document.documentElement.classList.contains('dark')).toBe(false);
    expect(localStorage.getItem(PREFERENCE_KEYS.colorMode)).toBe('"light"');
  });
});

describe('keyboard cheat sheet', () => {
  it('opens on "?" outside text fields, not while typing', async () => {
    useConsoleStore.getState().reset();
    renderUi(
      <>
        <input aria-label="Search" />
        <ShortcutsDialog />
      </>,
    );
    fireEvent.keyDown(screen.getByLabelText('Search'), { key: '?' });
    expect(screen.queryByTestId('shortcuts-dialog')).toBeNull();
    fireEvent.keyDown(document.body, { key: '?' });
    const dialog = await screen.findByTestId('shortcuts-dialog');
    expect(dialog.textContent).toContain('Select a range from the last row you selected');
    expect(dialog.textContent).toContain('Ctrl+A');
    expect(within(dialog).getAllByText('Shift+↓').length).toBeGreaterThan(0);
  });
});

describe('age of the offline data on screen', () => {
  it('is the oldest cached answer some screen observes now, derived from React Query', async () => {
    const client = new QueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
    client.setQueryData(['unobserved'], { source: 'cache', fetchedAt: 1 });
    function Screen() {
      useQuery({ queryKey: ['list'], queryFn: () => ({ source: 'cache', fetchedAt: 5_000 }) });
      useQuery({ queryKey: ['live'], queryFn: () => ({ source: 'server', fetchedAt: 100 }) });
      useQuery({ queryKey: ['detail'], queryFn: () => ({ source: 'cache', fetchedAt: 3_000 }) });
      return null;
    }
    const age = renderHook(() => useOldestShownCacheData(), { wrapper });
    const view = render(<Screen />, { wrapper });
    await waitFor(() => expect(age.result.current).toBe(3_000));
    view.unmount();
    await waitFor(() => expect(age.result.current).toBeNull());
  });
});
