import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CookieBrowser,
  startTestOidcProvider,
  type TestOidcProvider,
} from "@winky/runtime/testing/oidc";
import { useTestRuntime } from "../../test/runtime-harness.js";
import { createClient } from "../client.js";
import { getDoc, setDoc } from "../firestore/documents.js";

const PROJECT = "sdk-oidc";
const APP = "https://app.example.test/auth/done";
const PASSWORD = "correct horse battery";
const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /profiles/{uid} {
      allow read, write: if request.auth != null && request.auth.uid == uid;
    }
  }
}`;

describe("@winky/sdk auth with an OpenID provider and linking, against a real runtime", () => {
  const runtime = useTestRuntime(PROJECT, RULES);
  let idp: TestOidcProvider;
  const client = () => createClient({ url: runtime.current.url, project: PROJECT });
  /** The browser's part: the provider's login form, then the runtime's callback, to the app. */
  const completeAtProvider = async (authorizationUrl: string, login: string) => {
    const callback = await idp.authorize(authorizationUrl, { login });
    return new CookieBrowser().get(callback);
  };
  const mail = (to: string) => runtime.current.stores.outbox.lastToken(to);

  beforeAll(async () => {
    idp = await startTestOidcProvider({
      clients: [
        {
          clientId: "sdk-client",
          clientSecret: "sdk-client-secret-0123456789",
          redirectUris: [`${runtime.current.url}/v1/projects/${PROJECT}/auth/oidc/acme/callback`],
        },
      ],
      accounts: {
        olga: { email: "olga@example.com", emailVerified: true },
        pete: { email: "pete@example.com", emailVerified: true },
      },
    });
    await runtime.current.admin("PUT", "/auth/providers/acme", {
      issuer: idp.issuer,
      clientId: "sdk-client",
      clientSecret: "sdk-client-secret-0123456789",
      redirectUris: [APP],
    });
    await runtime.current.admin("PATCH", "/config", { auth: { anonymous: { enabled: true } } });
  });
  afterAll(() => idp?.close());

  it("signs in with redirect, and the session reaches documents", async () => {
    const { auth, db } = client();
    const providerUrl = await auth.signInWithRedirect("acme", { redirectUri: APP });
    const appUrl = await completeAtProvider(providerUrl, "olga");
    const user = await auth.getRedirectResult(appUrl);
    expect(user).toMatchObject({
      email: "olga@example.com",
      emailVerified: true,
      isAnonymous: false,
    });
    await setDoc(db.doc(`profiles/${user!.uid}`), { name: "Olga" });
    expect((await getDoc(db.doc(`profiles/${user!.uid}`))).data()).toEqual({ name: "Olga" });
    const again = client();
    const withToken = await again.auth.signInWithIdToken(
      "acme",
      await idp.idToken("sdk-client", "olga"),
    );
    expect(withToken.uid).toBe(user!.uid);
  });

  it("upgrades an anonymous user by linking a provider, keeping the uid and its documents", async () => {
    const { auth, db } = client();
    const anon = await auth.signInAnonymously();
    await setDoc(db.doc(`profiles/${anon.uid}`), { name: "anon" });
    const appUrl = await completeAtProvider(
      await auth.linkWithRedirect("acme", { redirectUri: APP }),
      "pete",
    );
    const linked = await auth.getRedirectResult(appUrl);
    expect(linked).toMatchObject({ uid: anon.uid, isAnonymous: false, email: "pete@example.com" });
    const later = client();
    const appUrl2 = await completeAtProvider(
      await later.auth.signInWithRedirect("acme", { redirectUri: APP }),
      "pete",
    );
    expect((await later.auth.getRedirectResult(appUrl2))?.uid).toBe(anon.uid);
    expect((await getDoc(later.db.doc(`profiles/${anon.uid}`))).data()).toEqual({ name: "anon" });
  });

  it("upgrades an anonymous user with an email and password by mailed link", async () => {
    const { auth } = client();
    const anon = await auth.signInAnonymously();
    expect(await auth.linkWithEmailPassword("quinn@example.com", PASSWORD)).toEqual({
      status: "confirmation-sent",
    });
    const user = await auth.confirmLinkEmail(mail("quinn@example.com"));
    expect(user).toMatchObject({ uid: anon.uid, email: "quinn@example.com", isAnonymous: false });
    expect((await client().auth.signIn("quinn@example.com", PASSWORD)).uid).toBe(anon.uid);
  });

  it("changes the email by a link to the new address, which ends the old sessions", async () => {
    const { auth } = client();
    await auth.signUp("rosa@example.com", PASSWORD);
    const rosa = await auth.confirmSignUp(mail("rosa@example.com"));
    await auth.updateEmail("rosa@new.example.com");
    await auth.confirmEmailChange(mail("rosa@new.example.com"));
    expect(auth.currentUser).toBeNull();
    expect((await client().auth.signIn("rosa@new.example.com", PASSWORD)).uid).toBe(rosa.uid);
    await expect(client().auth.signIn("rosa@example.com", PASSWORD)).rejects.toMatchObject({
      code: "unauthenticated",
    });
  });

  it("throws the runtime's refusal of a link to an identity another account has", async () => {
    const { auth } = client();
    await auth.signInAnonymously();
    const appUrl = await completeAtProvider(
      await auth.linkWithRedirect("acme", { redirectUri: APP }),
      "olga",
    );
    await expect(auth.getRedirectResult(appUrl)).rejects.toMatchObject({
      code: "already-exists",
      status: 409,
      message: "this 'acme' identity is already linked to another account",
    });
  });
});
