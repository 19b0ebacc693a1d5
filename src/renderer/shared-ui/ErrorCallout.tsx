import { Alert } from '@chakra-ui/react';
import type { AppErrorData } from '../../shared/errors';

export interface ErrorCalloutProps {
  error: AppErrorData;
  /** What the user was doing, e.g. "Loading children". */
  action?: string;
  /** The customer concerned, when the caller knows its name (the error only carries the id). */
  customerName?: string;
}

const HINTS: Partial<Record<AppErrorData['kind'], string>> = {
  AuthRequired: 'Sign in again; the action resumes afterwards.',
  Forbidden: 'Your role or account does not give access to this customer.',
  NotFound: 'The customer may have been deleted or moved.',
  Offline: 'The server cannot be reached; this needs a connection.',
  Network: 'The server cannot be reached; check the connection.',
  Timeout: 'The server took too long; try again.',
  RateLimited: 'The server asked us to slow down; try again shortly.',
  ServerError: 'The server failed; try again, and report it if it keeps happening.',
};

/** One error, naming the customer and the cause, in words (never a stack trace). */
export function ErrorCallout({ error, action, customerName }: ErrorCalloutProps) {
  const who = customerName ? `${customerName}${error.customerId ? ` (${error.customerId})` : ''}` : error.customerId;
  const title = [action ?? 'Something failed', who ? `for ${who}` : ''].filter(Boolean).join(' ');
  const hint = HINTS[error.kind];
  return (
    <Alert.Root status={error.kind === 'Offline' ? 'warning' : 'error'} role="alert" data-testid="error-callout" data-kind={error.kind}>
      <Alert.Indicator />
      <Alert.Content>
        <Alert.Title>{title}</Alert.Title>
        <Alert.Description>
          {error.message}
          {hint ? ` ${hint}` : ''}
        </Alert.Description>
      </Alert.Content>
    </Alert.Root>
  );
}
