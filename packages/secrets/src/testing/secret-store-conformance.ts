import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isSecretStoreError, type SecretStoreErrorCode } from "../errors.js";
import { Secret } from "../secret.js";
import type { SecretStore } from "../secret-store.js";

/** What {@link describeSecretStore} needs of an implementation, fresh for each test. */
export interface SecretStoreFixture {
  /** An empty store. */
  readonly store: SecretStore;
  /** Where its data lives (the file, the endpoint): error messages must name it. */
  readonly location: string;
  /** What must never appear in an error: the master key, the token. */
  readonly credentials: readonly string[];
  /** The same data opened with wrong credentials (another master key, another token). */
  withWrongCredentials(): SecretStore | Promise<SecretStore>;
  /** The code every call of that store fails with. */
  readonly wrongCredentialsCode: SecretStoreErrorCode;
  /** A store whose backend cannot be reached, and the location its errors must name. */
  unreachable(): Promise<{ store: SecretStore; location: string }>;
  /** Removes what the fixture made (called after the store is closed). */
  cleanup?(): Promise<void>;
}

const newProject = () => `p-${randomBytes(4).toString("hex")}`;

/**
 * The behaviour every {@link SecretStore} must have. Call it from each implementation's tests
 * with a factory of fresh fixtures.
 */
export function describeSecretStore(name: string, init: () => Promise<SecretStoreFixture>): void {
  describe(`SecretStore: ${name}`, () => {
    let fixture: SecretStoreFixture;
    let store: SecretStore;
    let project: string;
    const opened: SecretStore[] = [];
    const open = async (s: SecretStore | Promise<SecretStore>) => {
      opened.push(await s);
      return opened.at(-1)!;
    };
    beforeEach(async () => {
      fixture = await init();
      store = fixture.store;
      project = newProject();
    });
    afterEach(async () => {
      for (const s of [store, ...opened.splice(0)]) await s.close();
      await fixture.cleanup?.();
    });

    describe("set and get", () => {
      it("returns the latest value, wrapped so that printing it shows [secret]", async () => {
        await store.set(project, "API_KEY", "first-value");
        await store.set(project, "API_KEY", "second-value");
        const record = await store.get(project, "API_KEY");
        expect(record).toMatchObject({ name: "API_KEY", version: 2 });
        expect(record.value.reveal()).toBe("second-value");
        expect(`${record.value}`).toBe("[secret]");
        expect(JSON.stringify(record)).not.toContain("second-value");
        expect(inspect(record, { depth: 5 })).not.toContain("second-value");
      });

      it("numbers versions from 1 and reads any retained version on request", async () => {
        const first = await store.set(project, "TOKEN", "v-one");
        const second = await store.set(project, "TOKEN", new Secret("v-two"));
        expect([first.version, second.version]).toEqual([1, 2]);
        expect(first.createdAt).toBeInstanceOf(Date);
        const old = await store.get(project, "TOKEN", { version: 1 });
        expect(old.value.reveal()).toBe("v-one");
        expect(old.version).toBe(1);
        await expectCode(store.get(project, "TOKEN", { version: 3 }), "not-found", ["version 3"]);
      });

      it("keeps unicode, multi-line, blank and empty values exactly", async () => {
        const values = {
          UNICODE: "pässwörd ✓ 日本語 🔑 e\u0301 \u200d",
          LINES: "line one\nline two\r\n\tindented",
          BLANK: "  spaces around  ",
          EMPTY: "",
        };
        for (const [n, v] of Object.entries(values)) await store.set(project, n, v);
        for (const [n, v] of Object.entries(values)) {
          expect((await store.get(project, n)).value.reveal()).toBe(v);
        }
      });

      it("keeps projects apart, one named like an Object member included", async () => {
        await store.set(project, "SHARED", "mine");
        await store.set("constructor", "SHARED", "theirs");
        expect((await store.get(project, "SHARED")).value.reveal()).toBe("mine");
        expect((await store.get("constructor", "SHARED")).value.reveal()).toBe("theirs");
        await expectCode(store.get(newProject(), "SHARED"), "not-found");
      });

      it("answers not-found for a secret never set, naming it and the project", async () => {
        await expectCode(store.get(project, "NEVER_SET"), "not-found", ["NEVER_SET", project]);
      });
    });

    describe("versions", () => {
      it("lists the retained versions oldest first, with their times", async () => {
        for (const v of ["a", "b", "c"]) await store.set(project, "ROTATED", v);
        const versions = await store.versions(project, "ROTATED");
        expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
        for (const v of versions) expect(v.createdAt).toBeInstanceOf(Date);
        expect(Object.keys(versions[0]!).sort()).toEqual(["createdAt", "version"]);
      });

      it("keeps the 10 most recent versions and forgets older ones", async () => {
        for (let i = 1; i <= 12; i++) await store.set(project, "MANY", `value-${i}`);
        const versions = await store.versions(project, "MANY");
        expect(versions.map((v) => v.version)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        await expectCode(store.get(project, "MANY", { version: 2 }), "not-found");
        expect((await store.get(project, "MANY", { version: 3 })).value.reveal()).toBe("value-3");
        expect((await store.list(project))[0]).toMatchObject({ name: "MANY", version: 12 });
      });

      it("answers not-found for the versions of a secret never set", async () => {
        await expectCode(store.versions(project, "NEVER_SET"), "not-found", ["NEVER_SET"]);
      });
    });

    describe("list", () => {
      it("lists names in order with version and times, and never a value", async () => {
        await store.set(project, "ZETA", "zeta-value-1");
        await store.set(project, "ZETA", "zeta-value-2");
        await store.set(project, "ALPHA", "alpha-value");
        await store.set(newProject(), "OTHER", "other-value");
        const list = await store.list(project);
        expect(list.map((s) => [s.name, s.version])).toEqual([
          ["ALPHA", 1],
          ["ZETA", 2],
        ]);
        for (const info of list) {
          expect(Object.keys(info).sort()).toEqual(["createdAt", "name", "updatedAt", "version"]);
          expect(info.updatedAt.getTime()).toBeGreaterThanOrEqual(info.createdAt.getTime());
        }
        const shown = JSON.stringify(list) + inspect(list, { depth: 5 });
        for (const value of ["zeta-value", "alpha-value"]) expect(shown).not.toContain(value);
      });

      it("lists nothing for a project without secrets", async () => {
        expect(await store.list(project)).toEqual([]);
      });
    });

    describe("delete", () => {
      it("removes every version for good, and says whether it removed anything", async () => {
        await store.set(project, "GONE", "one");
        await store.set(project, "GONE", "two");
        expect(await store.delete(project, "GONE")).toBe(true);
        expect(await store.delete(project, "GONE")).toBe(false);
        await expectCode(store.get(project, "GONE"), "not-found");
        await expectCode(store.get(project, "GONE", { version: 1 }), "not-found");
        await expectCode(store.versions(project, "GONE"), "not-found");
        expect(await store.list(project)).toEqual([]);
      });

      it("starts again at version 1 when the name is set after a delete", async () => {
        await store.set(project, "AGAIN", "one");
        await store.set(project, "AGAIN", "two");
        await store.delete(project, "AGAIN");
        expect((await store.set(project, "AGAIN", "fresh")).version).toBe(1);
        expect((await store.versions(project, "AGAIN")).map((v) => v.version)).toEqual([1]);
      });

      it("leaves other secrets and projects alone", async () => {
        const other = newProject();
        await store.set(project, "KEEP", "k");
        await store.set(project, "DROP", "d");
        await store.set(other, "DROP", "o");
        await store.delete(project, "DROP");
        expect((await store.list(project)).map((s) => s.name)).toEqual(["KEEP"]);
        expect((await store.get(other, "DROP")).value.reveal()).toBe("o");
      });
    });

    describe("bad input", () => {
      const badNames = ["", "lower", "1ST", "WITH-DASH", "WITH SPACE", "ÄRGER", "A".repeat(256)];

      it("refuses names that cannot be environment variables, writing nothing", async () => {
        for (const bad of badNames) {
          await expectCode(store.set(project, bad, "v"), "invalid-name", ["secret name"]);
          await expectCode(store.get(project, bad), "invalid-name");
          await expectCode(store.versions(project, bad), "invalid-name");
          await expectCode(store.delete(project, bad), "invalid-name");
        }
        expect(await store.list(project)).toEqual([]);
      });

      it("accepts names of 1 and 255 characters, and a leading underscore", async () => {
        for (const good of ["A", "_PRIVATE", `A${"_9".repeat(127)}`]) {
          await store.set(project, good, "ok");
          expect((await store.get(project, good)).value.reveal()).toBe("ok");
        }
      });

      it("refuses project ids the runtime would not make", async () => {
        for (const bad of ["", "ab", "Upper", "has/slash", "../up", "x".repeat(64)]) {
          await expectCode(store.set(bad, "NAME", "v"), "invalid-name", ["project id"]);
          await expectCode(store.list(bad), "invalid-name");
        }
      });

      it("takes a value of exactly 64 KiB of UTF-8 and refuses a byte more", async () => {
        const exact = `${"a".repeat(64 * 1024 - 4)}🔑`;
        await store.set(project, "BIG", exact);
        expect((await store.get(project, "BIG")).value.reveal()).toBe(exact);
        // 21,846 characters, but 65,538 bytes.
        await expectCode(store.set(project, "BIG", "€".repeat(21_846)), "too-large", ["65538"]);
        expect((await store.versions(project, "BIG")).map((v) => v.version)).toEqual([1]);
      });

      it("refuses a value with a NUL or a lone surrogate, writing nothing", async () => {
        await expectCode(store.set(project, "NUL", "a\0b"), "invalid-argument", ["NUL"]);
        await expectCode(store.set(project, "HALF", "a\ud800b"), "invalid-argument");
        expect(await store.list(project)).toEqual([]);
      });

      it("refuses a version that is not a positive integer", async () => {
        await store.set(project, "V", "x");
        for (const version of [0, -1, 1.5, Number.NaN]) {
          await expectCode(store.get(project, "V", { version }), "invalid-argument");
        }
      });
    });

    describe("concurrent calls", () => {
      it("gives concurrent sets of one name distinct versions, each readable", async () => {
        const values = Array.from({ length: 8 }, (_, i) => `parallel-${i}`);
        const written = await Promise.all(values.map((v) => store.set(project, "RACE", v)));
        expect(written.map((w) => w.version).sort((a, b) => a - b)).toEqual([
          1, 2, 3, 4, 5, 6, 7, 8,
        ]);
        for (const [i, w] of written.entries()) {
          const read = await store.get(project, "RACE", { version: w.version });
          expect(read.value.reveal()).toBe(values[i]);
        }
      });

      it("keeps every one of concurrent sets to different names", async () => {
        const names = Array.from({ length: 8 }, (_, i) => `NAME_${i}`);
        await Promise.all(names.map((n) => store.set(project, n, n.toLowerCase())));
        expect((await store.list(project)).map((s) => s.name)).toEqual(names);
      });
    });

    describe("when the backend fails", () => {
      it("fails every call with wrong credentials, naming the location", async () => {
        const canary = canaryValue();
        await store.set(project, "CANARY", canary);
        const wrong = await open(fixture.withWrongCredentials());
        const calls = [
          () => wrong.get(project, "CANARY"),
          () => wrong.list(project),
          () => wrong.versions(project, "CANARY"),
          () => wrong.set(project, "CANARY", canary),
        ];
        for (const call of calls) {
          const e = await expectCode(call(), fixture.wrongCredentialsCode, [fixture.location]);
          expectNoLeak(e, [canary, ...fixture.credentials]);
        }
        expect((await store.versions(project, "CANARY")).map((v) => v.version)).toEqual([1]);
      });

      it("answers unavailable, naming the location, when it cannot be reached", async () => {
        const canary = canaryValue();
        const { store: down, location } = await fixture.unreachable();
        opened.push(down);
        const calls = [() => down.set(project, "CANARY", canary), () => down.get(project, "X")];
        for (const call of calls) {
          expectNoLeak(await expectCode(call(), "unavailable", [location]), [canary]);
        }
      });
    });

    describe("secret values in errors", () => {
      it("never appear in a message, stack, JSON or inspection of any error", async () => {
        const canary = canaryValue();
        await store.set(project, "STORED", canary);
        const errors = [
          await expectCode(store.set(project, "BIG", canary.repeat(3_000)), "too-large"),
          await expectCode(store.set(project, "NUL", `${canary}\0`), "invalid-argument"),
          await expectCode(store.set(project, "HALF", `${canary}\udfff`), "invalid-argument"),
          await expectCode(store.set(project, "bad-name", canary), "invalid-name"),
          await expectCode(store.set("Bad", "NAME", new Secret(canary)), "invalid-name"),
          await expectCode(store.get(project, "STORED", { version: 9 }), "not-found"),
        ];
        for (const e of errors) expectNoLeak(e, [canary, ...fixture.credentials]);
      });
    });
  });
}

/** A value no message would hold by chance. */
function canaryValue(): string {
  return `canary-${randomBytes(12).toString("hex")}`;
}

/** Awaits a rejection with a SecretStoreError of `code` whose message holds `mentions`. */
async function expectCode(
  call: Promise<unknown>,
  code: SecretStoreErrorCode,
  mentions: readonly string[] = [],
): Promise<Error> {
  const e = await call.then(
    () => expect.fail(`expected a ${code} error, got a result`),
    (error: unknown) => error,
  );
  expect(isSecretStoreError(e), String(e)).toBe(true);
  const error = e as Error & { code: string };
  expect({ code: error.code, message: error.message }).toMatchObject({ code });
  for (const mention of mentions) expect(error.message).toContain(mention);
  return error;
}

/** Asserts that none of `secrets` shows in any way an error can be printed. */
export function expectNoLeak(e: unknown, secrets: readonly string[]): void {
  const error = e as Error;
  const shown = [
    error.message,
    error.stack ?? "",
    JSON.stringify(error),
    JSON.stringify({ ...error, message: error.message }),
    inspect(error, { depth: Infinity, showHidden: true }),
    String(error),
  ].join("\n");
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(0);
    expect(shown.includes(secret), `an error shows a secret: ${error.message}`).toBe(false);
  }
}
