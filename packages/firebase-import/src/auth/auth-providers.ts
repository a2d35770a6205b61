// What becomes of each Firebase sign-in provider. Winky signs in with email and password,
// anonymously, and with OpenID Connect providers (Google as a preset); identities of OIDC
// providers carry over as links `(provider, subject) → uid`, others cannot be signed in with.

export interface ProviderMapping {
  /** The runtime's provider id the identity is stored under; absent: not imported. */
  winkyProvider?: string;
  verdict: "maps" | "needs-change" | "unsupported";
  detail: string;
  alternative?: string;
}

const BY_EMAIL = "users with an email sign in with it: a password reset mail gives them a password";

/** The mapping of one Firebase `providerId` (`password`, `google.com`, `oidc.acme`, …). */
export function mapProvider(providerId: string): ProviderMapping {
  if (providerId === "password") {
    return {
      verdict: "maps",
      detail: "email and password: the old hashes are kept and verified as Firebase does",
    };
  }
  if (providerId === "anonymous") {
    return { verdict: "maps", detail: "anonymous accounts keep their uid" };
  }
  if (providerId === "google.com") {
    return {
      winkyProvider: "google",
      verdict: "maps",
      detail:
        "Google identities stay linked to their users; configure the google provider with the same OAuth client id",
    };
  }
  if (providerId.startsWith("oidc.")) {
    const name = providerId.slice("oidc.".length);
    return {
      winkyProvider: name,
      verdict: "needs-change",
      detail: `OpenID Connect identities stay linked; configure a provider named ${name} with the same issuer and client`,
    };
  }
  if (providerId === "apple.com" || providerId === "microsoft.com") {
    const name = providerId.split(".")[0]!;
    return {
      winkyProvider: name,
      verdict: "needs-change",
      detail: `${providerId} speaks OpenID Connect: configure a provider named ${name} (issuer, client id and secret); identities stay linked by their subject`,
    };
  }
  if (providerId === "phone") {
    return {
      verdict: "unsupported",
      detail: "phone number sign-in (SMS codes)",
      alternative: `email sign-in; ${BY_EMAIL}`,
    };
  }
  if (providerId.startsWith("saml.")) {
    return {
      verdict: "unsupported",
      detail: "SAML sign-in",
      alternative: "an OpenID Connect provider in front of the identity provider",
    };
  }
  return {
    verdict: "unsupported",
    detail: `${providerId} sign-in (OAuth 2.0 without OpenID Connect)`,
    alternative: `an OpenID Connect provider, or email; ${BY_EMAIL}`,
  };
}
