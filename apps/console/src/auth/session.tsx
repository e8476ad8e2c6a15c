import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { api } from '../api/endpoints';
import { setTokenSource } from '../api/http';
import { ApiProblem } from '../api/problem';
import type { ConsoleConfig, Role } from '../api/types';
import { navigate } from '../router';
import { can } from './capabilities';

export interface User {
  id: string;
  role: Role;
}

interface Session {
  config: ConsoleConfig;
  user: User | null;
  /** Takes a token (from the identity provider or the development sign-in) and asks the API who it is. */
  signIn(token: string): Promise<User>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** The token lives in this closure only: never in localStorage, so a reload or a new tab signs in again. */
let token: string | null = null;

export function SessionProvider({ config, children }: { config: ConsoleConfig; children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const expire = useCallback(() => {
    token = null;
    setUser(null);
    navigate('/console/sign-in?expired=1', true);
  }, []);
  setTokenSource(() => token, expire);

  const session = useMemo<Session>(
    () => ({
      config,
      user,
      async signIn(next) {
        token = next;
        try {
          const { id, role } = await api.me();
          if (role === 'system') throw new ApiProblem(403, 'system_actor', 'the system actor has no console');
          setUser({ id, role });
          return { id, role };
        } catch (error) {
          token = null;
          throw error;
        }
      },
      async signOut() {
        if (can(user?.role, 'queues.open')) await api.closeQueues().catch(() => undefined);
        token = null;
        setUser(null);
        navigate('/console/sign-in', true);
      },
    }),
    [config, user],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
