import { AuthError } from "../errors.js";
import type { OidcDiscovery, OidcMetadata } from "./discovery.js";

/** What {@link redeemAuthorizationCode} sends. */
export interface RedeemCodeInput {
  code: string;
  /** The PKCE verifier whose challenge the authorization request carried. */
  codeVerifier: string;
  /** The runtime's callback URL, exactly as in the authorization request. */
  redirectUri: string;
  clientId: string;
  clientSecret: string;
}

/**
 * Exchanges an authorization code at the provider's token endpoint and resolves the ID token.
 * The client authenticates with `client_secret_basic` unless the provider supports only
 * `client_secret_post`. Neither the secret nor the code ever appears in an error.
 *
 * @throws AuthError `idp-refused` when the provider refuses (its OAuth `error` code is named),
 *   `provider-unavailable` when it cannot be reached or answers no ID token.
 */
export async function redeemAuthorizationCode(
  discovery: OidcDiscovery,
  metadata: OidcMetadata,
  input: RedeemCodeInput,
): Promise<string> {
  const form = new URLSearchParams({
    grant_type: "authorization_code",
    code: input.code,
    redirect_uri: input.redirectUri,
    code_verifier: input.codeVerifier,
  });
  const headers: Record<string, string> = { accept: "application/json" };
  const methods = metadata.tokenEndpointAuthMethods;
  if (!methods.includes("client_secret_basic") && methods.includes("client_secret_post")) {
    form.set("client_id", input.clientId);
    form.set("client_secret", input.clientSecret);
  } else {
    // RFC 6749 §2.3.1: each part is form-encoded before the two are joined and base64-encoded.
    const credentials = `${formEncode(input.clientId)}:${formEncode(input.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(credentials, "utf8").toString("base64")}`;
  }
  const { status, body } = await discovery.postForm(
    metadata.issuer,
    metadata.tokenEndpoint,
    "token endpoint",
    form,
    headers,
  );
  if (status !== 200) {
    const error = typeof body.error === "string" && /^[\w.-]{1,64}$/.test(body.error);
    throw new AuthError(
      "idp-refused",
      `the OpenID provider ${metadata.issuer} refused the authorization code` +
        (error ? ` (${String(body.error)})` : ` (HTTP ${status})`),
    );
  }
  if (typeof body.id_token !== "string") {
    throw new AuthError(
      "provider-unavailable",
      `cannot use the OpenID provider ${metadata.issuer} (token endpoint): the answer has no ` +
        "id_token; is 'openid' among the scopes?",
    );
  }
  return body.id_token;
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}
