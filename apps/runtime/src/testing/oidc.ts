// A real OpenID Connect provider for tests of sign-in (the runtime's and the SDK's). Apart
// from the main testing entry: loading `oidc-provider` costs time and prints a warning on
// Node 20, which tests that do not sign in through a provider should not pay.
export {
  CookieBrowser,
  startTestOidcProvider,
  type TestOidcProvider,
} from "../auth/http/testing/oidc-test-provider.js";
