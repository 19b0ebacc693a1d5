/* Everything a screen needs around it: the bridge (as context, so tests pass a fake),
 * the design system (theme.ts), and react-query for server data. */
import { useState, type ReactNode } from 'react';
import { ChakraProvider } from '@chakra-ui/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { EvoBridge } from '../../shared/ipc/bridge';
import { EvoContext } from './evo';
import { system } from './theme';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Main already retries idempotent requests with backoff; retrying here would multiply them.
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}

export function AppProviders({ bridge, children, queryClient }: { bridge: EvoBridge; children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <EvoContext.Provider value={bridge}>
      <ChakraProvider value={system}>
        <QueryClientProvider client={client}>{children}</QueryClientProvider>
      </ChakraProvider>
    </EvoContext.Provider>
  );
}
