import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { Loading } from "../components/states";
import { useAuth } from "./auth-context";
import { hasAnyRole } from "./roles";

/**
 * Shows `children` to signed-in users (holding one of `roles` when given); sends others to
 * the sign-in screen, which brings them back afterwards.
 */
export function RequireAuth({
  children,
  roles,
}: {
  children: ReactNode;
  roles?: readonly string[] | undefined;
}) {
  const { ready, user, roles: held } = useAuth();
  const location = useLocation();
  if (!ready) return <Loading />;
  if (!user) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  if (!hasAnyRole(held, roles)) {
    return (
      <section className="page">
        <h1>Not allowed</h1>
        <p>This screen needs the {roles?.join(" or ")} role.</p>
      </section>
    );
  }
  return <>{children}</>;
}

/** Where to go after signing in: the `next` parameter when it is a path of this app. */
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get("next");
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}
