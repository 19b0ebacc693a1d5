/* Sign-in: server profile (Production, Local sandbox, the user's servers, or a new
 * address), email, password, "Remember me". Also the "sign in again" form after a session
 * ended mid-work (profile fixed, email prefilled, interrupted work resumes). */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Alert, Box, Button, Checkbox, Field, Heading, Input, NativeSelect, Stack, Text } from '@chakra-ui/react';
import { checkServerUrl } from '../../../shared/server-url';
import { isProductionServer } from '../../../shared/server-environment';
import type { AppErrorData } from '../../../shared/errors';
import { SignInRequestSchema } from '../../../shared/ipc/contract';
import type { SessionState } from '../../../shared/session';
import { useEvoMutation, useEvoQuery } from '../../app/hooks';
import { errorData } from '../../app/evo';
import { signInErrorTitle } from './messages';
import { useSetSessionState } from './use-session';

export const NEW_SERVER = '__new__';

export interface SignInFormErrors {
  serverUrl?: string;
  email?: string;
  password?: string;
}

export interface SignInFormValues {
  profileId: string;
  serverUrl: string;
  email: string;
  password: string;
}

/** What must be fixed before sending: the contract's own sign-in schema (main checks the
 * same one again) and the server-address rule, as one message per field. */
export function validateSignIn(values: SignInFormValues): SignInFormErrors {
  const errors: SignInFormErrors = {};
  if (values.profileId === NEW_SERVER) {
    const checked = checkServerUrl(values.serverUrl);
    if (!checked.ok) errors.serverUrl = checked.error.message;
  }
  const parsed = SignInRequestSchema.safeParse({ email: values.email, password: values.password, rememberMe: false });
  for (const issue of parsed.error?.issues ?? []) {
    const field = issue.path[0];
    if ((field === 'email' || field === 'password') && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

export function SignInScreen({ session }: { session: SessionState }) {
  const again = session.status === 'signInRequired';
  const profiles = useEvoQuery('session:listProfiles', []);
  const setState = useSetSessionState();
  const addProfile = useEvoMutation('session:addProfile');
  const signIn = useEvoMutation('session:signIn', { onSuccess: setState });
  const cancel = useEvoMutation('session:cancelSignIn', { onSuccess: setState });
  // Choosing a server makes it the session's profile at once, so the banner (PRODUCTION in
  // red) shows where the credentials are going before they are typed.
  const select = useEvoMutation('session:selectProfile', { onSuccess: setState });

  const usable = (profiles.data ?? []).filter((p) => p.url !== '');
  const [profileId, setProfileId] = useState<string>(session.profile?.id ?? '');
  const effectiveProfileId = profileId || usable[0]?.id || NEW_SERVER;
  const [serverName, setServerName] = useState('');
  const [serverUrl, setServerUrl] = useState('');
  const [email, setEmail] = useState(session.email ?? '');
  const [password, setPassword] = useState('');
  const [rememberMe, setRememberMe] = useState(session.rememberMe && session.keychain.available);
  const [errors, setErrors] = useState<SignInFormErrors>({});
  const [failure, setFailure] = useState<AppErrorData | null>(null);

  const headingRef = useRef<HTMLHeadingElement>(null);
  const serverUrlRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const headingId = useId();

  // Focus: where the user starts typing (password when the email is known).
  useEffect(() => {
    (session.email ? passwordRef : emailRef).current?.focus();
  }, [session.email]);
  // After a failure the password is cleared: put the cursor back there to retype. The
  // alert (role="alert") is announced by screen readers without taking focus.
  useEffect(() => {
    if (failure) passwordRef.current?.focus();
  }, [failure]);

  const selected = usable.find((p) => p.id === effectiveProfileId);
  const busy = addProfile.isPending || signIn.isPending;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const found = validateSignIn({ profileId: effectiveProfileId, serverUrl, email, password });
    setErrors(found);
    const first = (['serverUrl', 'email', 'password'] as const).find((k) => found[k]);
    if (first) {
      ({ serverUrl: serverUrlRef, email: emailRef, password: passwordRef })[first].current?.focus();
      return;
    }
    try {
      let targetId = effectiveProfileId;
      if (targetId === NEW_SERVER) {
        const url = checkServerUrl(serverUrl);
        const created = await addProfile.mutateAsync({ label: serverName.trim() || (url.ok ? url.url : serverUrl), url: serverUrl });
        await profiles.refetch();
        setProfileId(created.id);
        targetId = created.id;
      }
      await signIn.mutateAsync({ profileId: targetId, email: email.trim(), password, rememberMe });
    } catch (e) {
      const data = errorData(e);
      setFailure(data);
      setPassword('');
    }
  }

  return (
    <Box maxW="md" mx="auto" mt="10" p="8" borderWidth="1px" borderRadius="lg" bg="bg.panel" data-screen="sign-in">
      <form onSubmit={submit} aria-labelledby={headingId} noValidate>
        <Stack gap="5">
          <Heading as="h1" size="lg" id={headingId} ref={headingRef} tabIndex={-1}>
            {again ? 'Sign in again' : 'Sign in to Evo Voice'}
          </Heading>
          {session.message ? (
            <Alert.Root status={again ? 'warning' : 'info'} data-testid="session-message">
              <Alert.Indicator />
              <Alert.Description>{session.message}</Alert.Description>
            </Alert.Root>
          ) : null}

          <Field.Root disabled={again || busy}>
            <Field.Label>Server</Field.Label>
            <NativeSelect.Root>
              <NativeSelect.Field
                value={effectiveProfileId}
                onChange={(e) => {
                  const next = e.currentTarget.value;
                  setProfileId(next);
                  setFailure(null);
                  if (next !== NEW_SERVER) select.mutate({ profileId: next });
                }}
                data-testid="profile-select"
              >
                {usable.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label} — {p.url}
                  </option>
                ))}
                <option value={NEW_SERVER}>Another server…</option>
              </NativeSelect.Field>
              <NativeSelect.Indicator />
            </NativeSelect.Root>
            {isProductionServer(selected) ? <Field.HelperText color="red.fg">Production: changes affect real customers.</Field.HelperText> : null}
          </Field.Root>

          {effectiveProfileId === NEW_SERVER ? (
            <>
              <Field.Root disabled={busy}>
                <Field.Label>Server name (optional)</Field.Label>
                <Input value={serverName} onChange={(e) => setServerName(e.currentTarget.value)} placeholder="e.g. Staging" />
              </Field.Root>
              <Field.Root invalid={!!errors.serverUrl} required disabled={busy}>
                <Field.Label>Server address</Field.Label>
                <Input
                  ref={serverUrlRef}
                  value={serverUrl}
                  inputMode="url"
                  autoComplete="url"
                  placeholder="https://evovoice.example"
                  onChange={(e) => setServerUrl(e.currentTarget.value)}
                  onBlur={() => serverUrl && setErrors((prev) => ({ ...prev, serverUrl: validateSignIn({ profileId: NEW_SERVER, serverUrl, email: 'x@y', password: 'x' }).serverUrl }))}
                />
                {errors.serverUrl ? <Field.ErrorText>{errors.serverUrl}</Field.ErrorText> : <Field.HelperText>https only (http only for a local sandbox).</Field.HelperText>}
              </Field.Root>
            </>
          ) : null}

          <Field.Root invalid={!!errors.email} required disabled={again || busy}>
            <Field.Label>Email</Field.Label>
            <Input ref={emailRef} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
            {errors.email ? <Field.ErrorText>{errors.email}</Field.ErrorText> : null}
          </Field.Root>

          <Field.Root invalid={!!errors.password} required disabled={busy}>
            <Field.Label>Password</Field.Label>
            <Input ref={passwordRef} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            {errors.password ? <Field.ErrorText>{errors.password}</Field.ErrorText> : null}
          </Field.Root>

          <Stack gap="1">
            <Checkbox.Root
              checked={rememberMe && session.keychain.available}
              disabled={!session.keychain.available || busy}
              onCheckedChange={(d) => setRememberMe(d.checked === true)}
            >
              <Checkbox.HiddenInput />
              <Checkbox.Control />
              <Checkbox.Label>Remember me (stored in the OS keychain)</Checkbox.Label>
            </Checkbox.Root>
            {!session.keychain.available ? (
              <Text fontSize="sm" color="yellow.fg" data-testid="no-keychain">
                {session.keychain.message ?? 'No OS keychain is available, so you will need to sign in again after restarting.'}
              </Text>
            ) : null}
          </Stack>

          {failure ? (
            <Alert.Root status="error" role="alert" data-testid="sign-in-error" data-kind={failure.kind}>
              <Alert.Indicator />
              <Alert.Content>
                <Alert.Title>{signInErrorTitle(failure)}</Alert.Title>
                <Alert.Description>{failure.message}</Alert.Description>
              </Alert.Content>
            </Alert.Root>
          ) : null}

          <Stack direction="row" gap="3">
            <Button type="submit" colorPalette="blue" loading={busy} loadingText="Signing in…">
              Sign in
            </Button>
            {again ? (
              <Button type="button" variant="outline" onClick={() => cancel.mutate(undefined)} disabled={busy || cancel.isPending}>
                Cancel and sign out
              </Button>
            ) : null}
          </Stack>
        </Stack>
      </form>
    </Box>
  );
}
