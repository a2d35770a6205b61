import { useEffect } from "react";
import { BrowserRouter, Route, Routes } from "react-router-dom";
import { appConfig } from "./app-config";
import { AuthActionPage } from "./auth/auth-action-page";
import { AuthProvider } from "./auth/auth-context";
import { ForgotPasswordPage } from "./auth/forgot-password-page";
import { RedirectDonePage } from "./auth/redirect-done-page";
import { RequireAuth } from "./auth/require-auth";
import { SignInPage } from "./auth/sign-in-page";
import { SignUpPage } from "./auth/sign-up-page";
import { Layout } from "./components/layout";
import { NotFoundPage } from "./components/not-found-page";
import { appRoutes } from "./routes";

/** The whole app: auth state, the layout, the auth screens and the plan's screens. */
export function App() {
  useEffect(() => {
    document.title = appConfig.title;
  }, []);
  return (
    <AuthProvider>
      <BrowserRouter>
        <Routes>
          <Route element={<Layout />}>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="/sign-up" element={<SignUpPage />} />
            <Route path="/forgot-password" element={<ForgotPasswordPage />} />
            <Route path="/auth/action" element={<AuthActionPage />} />
            <Route path="/auth/done" element={<RedirectDonePage />} />
            {appRoutes.map((route) => (
              <Route
                key={route.path}
                path={route.path}
                element={
                  route.signedIn || route.roles ? (
                    <RequireAuth roles={route.roles}>{route.element}</RequireAuth>
                  ) : (
                    route.element
                  )
                }
              />
            ))}
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </AuthProvider>
  );
}
