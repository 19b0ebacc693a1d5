import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppProviders } from './app/providers';
import { MissingBridge } from './app/MissingBridge';

const root = createRoot(document.getElementById('root')!);
const bridge = window.evo;
root.render(<StrictMode>{bridge ? <AppProviders bridge={bridge}><App /></AppProviders> : <MissingBridge />}</StrictMode>);
