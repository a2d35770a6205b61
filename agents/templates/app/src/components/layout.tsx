import { NavLink, Outlet, useNavigate } from "react-router-dom";
import { appConfig } from "../app-config";
import { useAuth } from "../auth/auth-context";
import { hasAnyRole } from "../auth/roles";
import { auth } from "../winky";

/** The header with the app's navigation and the account controls, around every screen. */
export function Layout() {
  const { ready, user, roles } = useAuth();
  const navigate = useNavigate();
  const links = appConfig.nav.filter(
    (item) => (!item.signedIn && !item.roles) || (user && hasAnyRole(roles, item.roles)),
  );
  return (
    <div className="app">
      <header className="app-header">
        <NavLink to="/" className="brand">
          {appConfig.title}
        </NavLink>
        <nav aria-label="Main">
          <ul>
            {links.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          {ready && user && (
            <>
              <span className="muted">{user.email ?? "Guest"}</span>
              <button
                type="button"
                className="button small"
                onClick={() => {
                  void auth.signOut().catch(() => undefined);
                  navigate("/");
                }}
              >
                Sign out
              </button>
            </>
          )}
          {ready && !user && (
            <>
              <NavLink to="/sign-in">Sign in</NavLink>
              {appConfig.providers.includes("email") && (
                <NavLink to="/sign-up" className="button small primary">
                  Sign up
                </NavLink>
              )}
            </>
          )}
        </div>
      </header>
      <main className="app-main">
        <Outlet />
      </main>
    </div>
  );
}
