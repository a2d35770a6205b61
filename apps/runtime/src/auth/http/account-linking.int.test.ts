import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MINUTE } from "../core/primitives.js";
import {
  APP_URL,
  APP_VERIFIER,
  claimsOf,
  resetIpLimits,
  signInWithRedirect,
  signUpWithPassword,
  useOidcTestBed,
  walkRedirect,
  type OidcTestBed,
} from "./testing/oidc-harness.js";
import { s256 } from "../core/index.js";

const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /notes/{uid} {
      allow read, write: if request.auth != null && request.auth.uid == uid;
    }
  }
}`;
const PASSWORD = "a long enough password";

describe("linking and email changes against a real runtime and provider", () => {
  const bed = useOidcTestBed("oidc-linking");
  const api = (...args: Parameters<OidcTestBed["api"]>) => bed.current.api(...args);
  const outbox = () => bed.current.runtime.auth.stores.outbox;
  const note = (uid: string, idToken: string, method: "write" | "read") =>
    method === "write"
      ? api(
          "POST",
          "/documents:commit",
          {
            writes: [{ update: { name: `notes/${uid}`, fields: { t: { stringValue: "mine" } } } }],
          },
          idToken,
        )
      : api("GET", `/documents/notes/${uid}`, undefined, idToken);
  const anonymous = async () => {
    const res = await api("POST", "/auth/signInAnonymously", {});
    expect(res.status, res.text).toBe(200);
    expect((await note(res.body.uid, res.body.idToken, "write")).status).toBe(200);
    return res.body as { uid: string; idToken: string; refreshToken: string };
  };
  const signUp = async (email: string) =>
    (await signUpWithPassword(bed.current, email, PASSWORD)).body as {
      uid: string;
      idToken: string;
      refreshToken: string;
    };
  /** Starts a linking for the bearer, walks the provider as `login`, and exchanges the code. */
  const linkWithRedirect = async (idToken: string, login: string, exchangeBearer = idToken) => {
    const started = await api(
      "POST",
      "/auth/oidc/acme/start",
      { redirectUri: APP_URL, codeChallenge: s256(APP_VERIFIER), link: true },
      idToken,
    );
    expect(started.status, started.text).toBe(200);
    const { fragment } = await walkRedirect(bed.current, started.body.authorizationUrl, { login });
    return api(
      "POST",
      "/auth/oidc:exchange",
      { code: fragment.get("code"), codeVerifier: APP_VERIFIER },
      exchangeBearer,
    );
  };

  beforeAll(async () => {
    Object.assign(bed.current.accounts, {
      dora: { email: "dora@example.com", emailVerified: true },
      erin: { email: "erin@example.com", emailVerified: true },
    });
    const res = await fetch(`${bed.current.url}/v1/projects/oidc-linking/admin/rules/firestore`, {
      method: "PUT",
      headers: { authorization: `Bearer ${bed.current.key}`, "content-type": "text/plain" },
      body: RULES,
    });
    expect(res.status).toBe(200);
  });

  beforeEach(() => resetIpLimits(bed.current));

  describe("an anonymous user", () => {
    it("links an email and password by mailed link, keeping the uid and its documents", async () => {
      const anon = await anonymous();
      const asked = await api(
        "POST",
        "/auth/linkWithEmailPassword",
        { email: "Fay@Example.com", password: PASSWORD },
        anon.idToken,
      );
      expect(asked.body).toEqual({ status: "confirmation-sent" });
      expect(outbox().messages.at(-1)).toMatchObject({ kind: "link-email", to: "Fay@example.com" });
      expect(outbox().messages.at(-1)?.text).toContain("mode=confirmLinkEmail");
      const token = outbox().lastToken("Fay@example.com");
      const linked = await api("POST", "/auth/confirmLinkEmail", { token });
      expect(linked.body.uid).toBe(anon.uid);
      expect(claimsOf(linked.body.idToken)).toMatchObject({
        email: "Fay@example.com",
        email_verified: true,
        firebase: { sign_in_provider: "password" },
      });
      const signIn = await api("POST", "/auth/signIn", {
        email: "fay@example.com",
        password: PASSWORD,
      });
      expect(signIn.body.uid).toBe(anon.uid);
      expect((await note(anon.uid, signIn.body.idToken, "read")).status).toBe(200);
      const again = await api("POST", "/auth/confirmLinkEmail", { token });
      expect(again.body.error.details.reason).toBe("invalid-action-token");
    });

    it("answers the same for an address that has an account, mailing its owner instead", async () => {
      await signUp("gus@example.com");
      const anon = await anonymous();
      const before = outbox().messages.length;
      const asked = await api(
        "POST",
        "/auth/linkWithEmailPassword",
        { email: "gus@example.com", password: PASSWORD },
        anon.idToken,
      );
      expect(asked.body).toEqual({ status: "confirmation-sent" });
      expect(outbox().messages.slice(before)).toMatchObject([
        { kind: "email-in-use", to: "gus@example.com" },
      ]);
    });

    it("links an OpenID identity by redirect, keeping the uid", async () => {
      const anon = await anonymous();
      const linked = await linkWithRedirect(anon.idToken, "dora");
      expect(linked.status, linked.text).toBe(200);
      expect(linked.body.uid).toBe(anon.uid);
      expect(claimsOf(linked.body.idToken)).toMatchObject({
        email: "dora@example.com",
        firebase: { sign_in_provider: "oidc.acme", identities: { "oidc.acme": ["dora"] } },
      });
      expect(claimsOf(linked.body.idToken).provider_id).toBeUndefined();
      const later = await signInWithRedirect(bed.current, "dora");
      expect(later.body.uid).toBe(anon.uid);
      expect((await note(anon.uid, later.body.idToken, "read")).status).toBe(200);
    });

    it("cannot take an identity another account has, and is told the provider, not the email", async () => {
      await signInWithRedirect(bed.current, "erin");
      const anon = await anonymous();
      const res = await linkWithRedirect(anon.idToken, "erin");
      expect(res.status).toBe(409);
      expect(res.body.error).toEqual({
        code: "already-exists",
        message: "this 'acme' identity is already linked to another account",
        details: { reason: "identity-already-linked" },
      });
    });

    it("cannot have its linking code exchanged by anyone else", async () => {
      const anon = await anonymous();
      const other = await anonymous();
      bed.current.accounts.hal = { email: "hal@example.com", emailVerified: true };
      const res = await linkWithRedirect(anon.idToken, "hal", other.idToken);
      expect(res.body.error).toMatchObject({ code: "permission-denied" });
      const started = await api("POST", "/auth/oidc/acme/start", {
        redirectUri: APP_URL,
        link: true,
      });
      expect(started.body.error.message).toBe(
        "sign in first: this needs 'Authorization: Bearer <ID token>'",
      );
    });
  });

  describe("an email change", () => {
    it("applies when the new address confirms, notifying the old one and ending sessions", async () => {
      const ivy = await signUp("ivy@example.com");
      const asked = await api(
        "POST",
        "/auth/updateEmail",
        { newEmail: "ivy@new.example.com" },
        ivy.idToken,
      );
      expect(asked.status, asked.text).toBe(204);
      expect(outbox().messages.at(-1)).toMatchObject({
        kind: "email-change",
        to: "ivy@new.example.com",
      });
      const token = outbox().lastToken("ivy@new.example.com");
      expect((await api("POST", "/auth/confirmEmailChange", { token })).status).toBe(204);
      expect(outbox().messages.at(-1)).toMatchObject({
        kind: "email-changed",
        to: "ivy@example.com",
      });
      expect((await api("POST", "/auth/token", { refreshToken: ivy.refreshToken })).status).toBe(
        401,
      );
      const viaNew = await api("POST", "/auth/signIn", {
        email: "ivy@new.example.com",
        password: PASSWORD,
      });
      expect(viaNew.body.uid).toBe(ivy.uid);
      const viaOld = await api("POST", "/auth/signIn", {
        email: "ivy@example.com",
        password: PASSWORD,
      });
      expect(viaOld.body.error.details.reason).toBe("invalid-credentials");
    });

    it("answers the same for a taken address, mailing its owner a notice", async () => {
      await signUp("jay@example.com");
      const kim = await signUp("kim@example.com");
      const before = outbox().messages.length;
      const res = await api(
        "POST",
        "/auth/updateEmail",
        { newEmail: "JAY@example.com" },
        kim.idToken,
      );
      expect(res.status).toBe(204);
      expect(outbox().messages.slice(before)).toMatchObject([
        { kind: "email-in-use", to: "jay@example.com" },
      ]);
    });

    it("needs a recent sign-in", async () => {
      const lou = await signUp("lou@example.com");
      bed.current.runtime.auth.clock.advance(6 * MINUTE);
      const refreshed = await api("POST", "/auth/token", { refreshToken: lou.refreshToken });
      const res = await api(
        "POST",
        "/auth/updateEmail",
        { newEmail: "lou@new.example.com" },
        refreshed.body.idToken,
      );
      expect(res.body.error).toMatchObject({
        code: "failed-precondition",
        details: { reason: "requires-recent-login" },
      });
    });
  });
});
