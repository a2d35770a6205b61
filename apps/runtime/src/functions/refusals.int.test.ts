import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { probeBubblewrap } from "@winky/sandbox";
import { EncryptedFileSecretStore } from "@winky/secrets";
import { describeWithDocker, useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES } from "../errors/runtime-error.js";
import {
  bubblewrapSandbox,
  createFunctionsTestBed,
  dockerSandbox,
  type FunctionsTestBed,
  type SandboxFactory,
} from "./functions.test-bed.js";
import { MAX_REFUSAL_MESSAGE, REFUSAL_CODES } from "./invocation-error.js";

const PROJECT = "refusals-app";
const SECRET = "hunter2-but-longer";

/** The generated apps' form: the code as the message's prefix. */
const SET_ROLE = `export default async (data, context) => {
  if (!context.auth || !(context.auth.token.roles ?? []).includes("admin"))
    throw new Error("permission-denied: Only admins can change roles.");
  return { ok: true };
};`;
/** Firebase's form: an Error with a code (any of them, from the data) and details. */
const REFUSE = `export default async (data) => {
  throw Object.assign(new Error(data.message), { code: data.code, details: data.details });
};`;
const CRASH = `export default async () => { throw new Error("db password is hunter2"); };`;
const LEAKY = `export default async () => {
  throw Object.assign(new Error("not-found: no key " + process.env.API_KEY), {
    details: { tried: [process.env.API_KEY], [process.env.API_KEY]: true },
  });
};`;
/** A host API error left uncaught: its "not-found: …" is the function's failure, not a refusal. */
const UNCAUGHT = `export default async (data, context) => {
  await context.users.setCustomClaims("nobody-at-all", { roles: [] });
};`;
const HTTP_REFUSAL = `export default async () => { throw new Error("permission-denied: go away"); };`;

/**
 * A callable's deliberate refusal, end to end on one sandbox: its code, message and details
 * reach every caller (the code's HTTP status); anything else stays `internal`, its message for
 * admins only; secrets are masked either way.
 */
function describeRefusals(label: string, makeSandbox: SandboxFactory) {
  describe(`a callable's refusal (${label})`, () => {
    const database = useTestDatabase(`runtime_fn_refusals_${label}`);
    let bed: FunctionsTestBed;
    let secretsDir: string;
    let userToken: string;

    /** Calls `name` as an end user (a signed-in one, unless `bearer` says) or as the admin. */
    const call = (name: string, data: unknown = null, bearer = userToken) =>
      bed.api("POST", `/functions/${name}:call`, { data }, bearer);
    const asAdmin = (name: string, data: unknown = null) => call(name, data, bed.key);

    beforeAll(async () => {
      secretsDir = await mkdtemp(path.join(tmpdir(), "winky-refusal-secrets-"));
      const secrets = new EncryptedFileSecretStore({
        file: path.join(secretsDir, "secrets.json"),
        masterKey: randomBytes(32),
      });
      bed = await createFunctionsTestBed(database.url, PROJECT, makeSandbox, { secrets });
      expect((await bed.api("PUT", "/admin/secrets/API_KEY", { value: SECRET })).statusCode).toBe(
        200,
      );
      for (const [name, source] of Object.entries({ SET_ROLE, REFUSE, CRASH, UNCAUGHT })) {
        await bed.deploy(name.toLowerCase().replace("_", "-"), source, { kind: "callable" });
      }
      const leaky = await bed.api("PUT", "/admin/functions/leaky", {
        source: LEAKY,
        trigger: { kind: "callable" },
        secrets: ["API_KEY"],
      });
      expect(leaky.statusCode, leaky.body).toBe(200);
      await bed.deploy("http-refusal", HTTP_REFUSAL, { kind: "http" });
      const email = "eve@example.com";
      await bed.api("POST", "/auth/signUp", { email, password: "correct horse battery" }, "");
      const token = bed.runtime.auth.stores.outbox.lastToken(email);
      const confirmed = await bed.api("POST", "/auth/confirmSignUp", { token }, "");
      userToken = confirmed.json().idToken;
    }, 600_000);
    afterAll(async () => {
      await bed?.close();
      await rm(secretsDir, { recursive: true, force: true });
    });

    it("gives an end user 403 with the code and message of a 'permission-denied: …' refusal", async () => {
      for (const bearer of [userToken, ""]) {
        const res = await call("set-role", null, bearer);
        expect(res.statusCode).toBe(403);
        expect(res.json()).toEqual({
          error: { code: "permission-denied", message: "Only admins can change roles." },
        });
      }
    });

    it("gives 400 with the details of an Error whose code is invalid-argument", async () => {
      const res = await call("refuse", {
        code: "invalid-argument",
        message: "x must be a number",
        details: { field: "x" },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: { code: "invalid-argument", message: "x must be a number", details: { field: "x" } },
      });
    });

    it("answers each refusal code with the HTTP status of the runtime's error table", async () => {
      for (const code of REFUSAL_CODES) {
        const res = await call("refuse", { code, message: `refused with ${code}` });
        expect(res.statusCode, code).toBe(ERROR_CODES[code]);
        expect(res.json().error, code).toEqual({ code, message: `refused with ${code}` });
      }
    });

    it("cuts a refusal's message at 1000 characters", async () => {
      const res = await call("refuse", { code: "aborted", message: "é".repeat(5000) });
      expect(res.statusCode).toBe(409);
      const message = res.json().error.message as string;
      expect(Array.from(message)).toHaveLength(MAX_REFUSAL_MESSAGE);
      expect(message.endsWith("é…")).toBe(true);
    });

    it("keeps a plain error's message from end users; admins still see it", async () => {
      const res = await call("crash");
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({
        error: { code: "internal", message: "function 'crash' failed" },
      });
      expect(res.body).not.toContain("hunter2");
      const admin = await asAdmin("crash");
      expect(admin.statusCode).toBe(500);
      expect(admin.json().error.message).toBe("function 'crash' failed: db password is hunter2");
    });

    it("masks a secret of the function's environment in a refusal's message and details", async () => {
      for (const res of [await call("leaky"), await asAdmin("leaky")]) {
        expect(res.statusCode).toBe(404);
        expect(res.json().error).toEqual({
          code: "not-found",
          message: "no key [secret]",
          details: { tried: ["[secret]"], "[secret]": true },
        });
        expect(res.body).not.toContain(SECRET);
      }
      const logs = await bed.api("GET", "/admin/functions/leaky/logs");
      expect(logs.body).not.toContain(SECRET);
    });

    it("treats a code that is not a refusal's as a plain error", async () => {
      const plain = [
        { message: "internal: x" },
        { message: "banana: x" },
        { message: "unknown: x" },
        { code: "internal", message: "x" },
        { code: "data-loss", message: "x" },
        { code: "banana", message: "x" },
        { code: "ENOENT", message: "no such file" },
      ];
      for (const data of plain) {
        const res = await call("refuse", data);
        expect(res.statusCode, JSON.stringify(data)).toBe(500);
        expect(res.json()).toEqual({
          error: { code: "internal", message: "function 'refuse' failed" },
        });
      }
      const admin = await asAdmin("refuse", { message: "banana: x" });
      expect(admin.json().error).toEqual({
        code: "internal",
        message: "function 'refuse' failed: banana: x",
      });
    });

    it("treats a host API error the function did not catch as its failure, not a refusal", async () => {
      const res = await call("uncaught");
      expect(res.statusCode).toBe(500);
      expect(res.json().error).toEqual({ code: "internal", message: "function 'uncaught' failed" });
      const admin = await asAdmin("uncaught");
      expect(admin.json().error.message).toMatch(/^function 'uncaught' failed: not-found: /);
    });

    it("leaves HTTP functions as they were: a thrown refusal is internal", async () => {
      const res = await bed.runtime.app.inject({
        method: "GET",
        url: `/v1/projects/${PROJECT}/http/http-refusal`,
      });
      expect(res.statusCode).toBe(500);
      expect(res.json().error).toEqual({
        code: "internal",
        message: "function 'http-refusal' failed",
      });
    });
  });
}

describeWithDocker("callable refusals in Docker", () => describeRefusals("docker", dockerSandbox));

// Where bubblewrap works too, the same suite through its runner.
const bubblewrap = await probeBubblewrap();
if (!bubblewrap.available) console.warn(`SKIPPED (bubblewrap: ${bubblewrap.detail}): refusals`);
describe.skipIf(!bubblewrap.available)("callable refusals in bubblewrap", () =>
  describeRefusals("bwrap", bubblewrapSandbox),
);
