// Expired and forged ID tokens on document requests, through the SDK over HTTP. The SDK sends
// the token it holds; here a fetch wrapper swaps in the token under test, so each case reaches
// the runtime exactly as a stolen, tampered or stale token would. Every one is refused as
// unauthenticated with a precise message — never treated as signed out — and writes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_ADMIN_KEY } from "@winky/runtime/testing";
import { failure } from "../test/client-harness.js";
import { useTestRuntime } from "../test/runtime-harness.js";
import {
  createClient,
  deleteDoc,
  getDoc,
  setDoc,
  type FetchLike,
  type WinkyClient,
} from "./index.js";

const PROJECT = "sdk-tokens";
const OTHER_PROJECT = "sdk-tokens-other";
const PASSWORD = "correct horse battery";
const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /notes/{uid} {
      allow read, write: if request.auth != null && request.auth.uid == uid;
    }
    match /public/{id} {
      allow read: if true;
    }
  }
}`;

const b64 = (data: string | Uint8Array) => Buffer.from(data).toString("base64url");
const json = (part: string) =>
  JSON.parse(Buffer.from(part, "base64url").toString()) as Record<string, unknown>;

/** `token` with its header and payload changed, signed by `sign` (or keeping its signature). */
async function reforge(
  token: string,
  change: { header?: object; payload?: object },
  sign?: (input: string) => Promise<string>,
): Promise<string> {
  const [header, payload, signature] = token.split(".") as [string, string, string];
  const part = (encoded: string, patch?: object) =>
    b64(JSON.stringify({ ...json(encoded), ...patch }));
  const input = `${part(header, change.header)}.${part(payload, change.payload)}`;
  return `${input}.${sign ? await sign(input) : signature}`;
}

/** Signs like ES256 with a key the runtime never issued. */
async function signWithAnotherKey(input: string): Promise<string> {
  const { privateKey } = await crypto.subtle.generateKey(
    { name: "ECDSA", namedCurve: "P-256" },
    true,
    ["sign", "verify"],
  );
  const signature = await crypto.subtle.sign(
    { name: "ECDSA", hash: "SHA-256" },
    privateKey,
    new TextEncoder().encode(input),
  );
  return b64(new Uint8Array(signature));
}

/** Signs with HS256 and a guessed secret, the classic algorithm-confusion forgery. */
async function signWithHmac(input: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode("secret"),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return b64(
    new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(input))),
  );
}

describe("expired and forged tokens against a real runtime", () => {
  const runtime = useTestRuntime(PROJECT, RULES);
  let ada: WinkyClient;
  let adaUid: string;
  let adaToken: string;
  let otherProjectToken: string;

  async function signedUp(project: string, email: string): Promise<WinkyClient> {
    const c = createClient({ url: runtime.current.url, project });
    await c.auth.signUp(email, PASSWORD);
    await c.auth.confirmSignUp(runtime.current.stores.outbox.lastToken(email));
    return c;
  }
  /** A client whose document requests carry `token`, whatever the SDK holds. */
  function clientSending(token: string): WinkyClient {
    const swap: FetchLike = (url, init) =>
      fetch(url, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
      });
    return createClient({ url: runtime.current.url, project: PROJECT, fetch: swap });
  }
  /** Asserts that writing Ada's note with `token` is refused so, and wrote nothing. */
  async function expectRefused(token: string, message: string, reason?: string) {
    const note = clientSending(token).db.doc(`notes/${adaUid}`);
    const e = await failure(setDoc(note, { text: "forged" }), "the write succeeded");
    expect(e).toMatchObject({ code: "unauthenticated", status: 401, message });
    expect((e as { details?: unknown }).details).toEqual(reason ? { reason } : undefined);
    // Not even a read the rules allow everyone: a bad token is not the same as no token.
    await expect(getDoc(clientSending(token).db.doc("public/x"))).rejects.toMatchObject({
      code: "unauthenticated",
    });
    expect((await getDoc(ada.db.doc(`notes/${adaUid}`))).exists()).toBe(false);
  }

  beforeAll(async () => {
    const created = await fetch(`${runtime.current.url}/v1/admin/projects`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ id: OTHER_PROJECT }),
    });
    expect(created.status).toBe(201);
    ada = await signedUp(PROJECT, "ada@example.com");
    adaUid = ada.auth.currentUser!.uid;
    adaToken = (await ada.auth.getIdToken())!;
    const other = await signedUp(OTHER_PROJECT, "eve@example.com");
    otherProjectToken = (await other.auth.getIdToken())!;
  });

  it("accepts the genuine token sent the same way", async () => {
    await setDoc(clientSending(adaToken).db.doc(`notes/${adaUid}`), { text: "mine" });
    expect((await getDoc(ada.db.doc(`notes/${adaUid}`))).get("text")).toBe("mine");
    // Every case below starts from a note that does not exist.
    await deleteDoc(ada.db.doc(`notes/${adaUid}`));
  });

  describe("forged tokens", () => {
    it("refuses a token signed by another key under the project's key id", async () => {
      const forged = await reforge(adaToken, {}, signWithAnotherKey);
      await expectRefused(forged, "the access token is not valid", "invalid-token");
    });

    it("refuses a token naming a key id the project does not have", async () => {
      const forged = await reforge(adaToken, { header: { kid: "forged-key" } }, signWithAnotherKey);
      await expectRefused(forged, "the access token is not valid", "invalid-token");
    });

    it("refuses an HS256 token and an unsigned alg none token", async () => {
      const hmac = await reforge(adaToken, { header: { alg: "HS256" } }, signWithHmac);
      await expectRefused(hmac, "the access token is not valid", "invalid-token");
      const [, payload] = adaToken.split(".");
      const none = `${b64(JSON.stringify({ alg: "none", typ: "JWT" }))}.${payload}.`;
      await expectRefused(none, "the credentials are not valid for this project");
    });

    it("refuses a payload changed under its signature", async () => {
      const otherUser = await reforge(adaToken, { payload: { sub: "bob", user_id: "bob" } });
      await expectRefused(otherUser, "the access token is not valid", "invalid-token");
      const later = await reforge(adaToken, { payload: { exp: 4_102_444_800 } });
      await expectRefused(later, "the access token is not valid", "invalid-token");
    });

    it("refuses a token of another project, even with its audience rewritten", async () => {
      await expectRefused(
        otherProjectToken,
        "the access token was issued for another project",
        "wrong-project",
      );
      const rewritten = await reforge(otherProjectToken, {
        payload: { aud: PROJECT, iss: `winky:${PROJECT}` },
      });
      await expectRefused(rewritten, "the access token is not valid", "invalid-token");
    });

    it("refuses a bearer value that is not a JWT", async () => {
      await expectRefused("not-a-jwt", "the credentials are not valid for this project");
    });
  });

  describe("expired tokens", () => {
    it("refuses a genuine token once the runtime's clock is past its expiry", async () => {
      // Tokens live 3600 s, with 5 s of allowed clock skew.
      runtime.current.clock.advanceSeconds(3600 + 60);
      await expectRefused(adaToken, "the access token has expired", "token-expired");
    });
  });
});
