import type { User } from "@winky/sdk";
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { auth } from "../winky";
import { rolesFromIdToken } from "./roles";

export interface AuthState {
  /** False until the kept session has been restored: render a loading state meanwhile. */
  ready: boolean;
  user: User | null;
  /** Roles from the ID token's custom claims. */
  roles: string[];
}

const AuthContext = createContext<AuthState>({ ready: false, user: null, roles: [] });

/** Follows the SDK's auth state and hands it to every screen through {@link useAuth}. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ ready: false, user: null, roles: [] });
  useEffect(() => {
    let current = true;
    const stop = auth.onAuthStateChanged((user) => {
      if (!user) {
        setState({ ready: true, user: null, roles: [] });
        return;
      }
      auth
        .getIdToken()
        .then((token) => rolesFromIdToken(token))
        .catch(() => [])
        .then((roles) => {
          if (current) setState({ ready: true, user, roles });
        });
    });
    return () => {
      current = false;
      stop();
    };
  }, []);
  const value = useMemo(() => state, [state]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The signed-in user (or null), their roles, and whether the session has been restored. */
export function useAuth(): AuthState {
  return useContext(AuthContext);
}
