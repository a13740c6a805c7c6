/**
 * Who is signed in. The credential lives in memory and in sessionStorage (gone when the tab
 * closes), never in localStorage or a cookie; `GET /v1/me` says whose it is and what it may do.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { api, ApiError, call, onCredentialRejected, setCredential, type Schemas, type Scope } from './api/client';

export const CREDENTIAL_STORAGE_KEY = 'convo-pilot.credential';

export type Me = Schemas['Me'];

interface Session {
  /** `undefined` while a stored credential is being checked; `null` when signed out. */
  me: Me | null | undefined;
  /** Why the last session ended without the user signing out (the API refused its credential). */
  ended: ApiError | null;
  signIn: (credential: string) => Promise<void>;
  signOut: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

/** An admin holds every scope; anyone else needs one of `scopes` (as the API decides). */
export const mayUse = (me: Me, scopes: readonly Scope[]) =>
  me.scopes.includes('admin') || scopes.some((scope) => me.scopes.includes(scope));

async function whoIs(credential: string): Promise<Me> {
  setCredential(credential);
  try {
    return await call(api.GET('/v1/me'));
  } catch (error) {
    setCredential(null);
    if (error instanceof ApiError && error.status === 401) {
      throw new ApiError(401, `Not signed in: ${error.message}`, error.details);
    }
    throw error;
  }
}

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const stored = sessionStorage.getItem(CREDENTIAL_STORAGE_KEY);
  const [me, setMe] = useState<Me | null | undefined>(stored ? undefined : null);
  const [ended, setEnded] = useState<ApiError | null>(null);
  const forget = () => {
    setCredential(null);
    sessionStorage.removeItem(CREDENTIAL_STORAGE_KEY);
    setMe(null);
  };
  useEffect(() => {
    // A credential refused after sign-in (stored, so not a sign-in attempt) ends the session, in words.
    onCredentialRejected((error) => {
      if (!sessionStorage.getItem(CREDENTIAL_STORAGE_KEY)) return;
      forget();
      setEnded(new ApiError(401, `You were signed out: ${error.message}`));
    });
    if (!stored) return;
    // Only the credential stored when the tab opened is checked here; signIn handles later ones.
    whoIs(stored).then(setMe, forget);
  }, []);

  const session: Session = {
    me,
    ended,
    async signIn(credential) {
      const who = await whoIs(credential.trim());
      sessionStorage.setItem(CREDENTIAL_STORAGE_KEY, credential.trim());
      setEnded(null);
      setMe(who);
    },
    signOut: forget,
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
