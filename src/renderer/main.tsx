import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppProviders } from './app/providers';
import { MissingBridge } from './app/MissingBridge';
import { applyColorMode, resolveColorMode, useColorModeStore } from './app/color-mode';

// Before the first paint, so a dark desktop never flashes white.
applyColorMode(resolveColorMode(useColorModeStore.getState().preference, matchMedia('(prefers-color-scheme: dark)').matches));

const root = createRoot(document.getElementById('root')!);
const bridge = window.evo;
root.render(<StrictMode>{bridge ? <AppProviders bridge={bridge}><App /></AppProviders> : <MissingBridge />}</StrictMode>);
