import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_MAIL_SETTINGS } from "../core/testing/index.js";
import type { MailMessage } from "../core/index.js";
import { createTestRuntime, TEST_ADMIN_KEY, type TestRuntime } from "../../testing/index.js";

const PASSWORD = "a long enough password";
const NOTES_URL = "https://notes.example.test/__/auth/action?lang=en";

// Each project is its own app at its own site: its auth mails link to its own page and sign
// with its own name (`auth.mail` in its config), over the runtime's defaults.
describe("a project's own auth mail settings", () => {
  const database = useTestDatabase("runtime_project_mail");
  let runtime: TestRuntime;

  const call = (method: "GET" | "POST" | "PATCH", url: string, payload?: object, bearer?: string) =>
    runtime.app.inject({
      method,
      url,
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      ...(payload ? { payload } : {}),
    });
  const patchConfig = (payload: object) =>
    call("PATCH", "/v1/projects/notes/admin/config", payload, TEST_ADMIN_KEY);
  const config = async () =>
    (await call("GET", "/v1/admin/projects/notes", undefined, TEST_ADMIN_KEY)).json().project
      .config;
  const lastMail = (to: string): MailMessage => runtime.auth.stores.outbox.to(to).at(-1)!;
  /** The link a mail carries, parsed; the text and the HTML carry the same one. */
  const linkOf = (mail: MailMessage) => {
    const href = /^https?:\/\/\S+$/m.exec(mail.text)?.[0];
    expect(href, mail.text).toBeDefined();
    expect(mail.html).toContain(`href="${href!.replaceAll("&", "&amp;")}"`);
    return new URL(href!);
  };
  const signUp = async (project: string, email: string) => {
    const res = await call("POST", `/v1/projects/${project}/auth/signUp`, {
      email,
      password: PASSWORD,
    });
    expect(res.statusCode, res.body).toBe(200);
    return lastMail(email);
  };
  const confirm = async (project: string, mail: MailMessage) => {
    const token = linkOf(mail).searchParams.get("oobCode");
    const res = await call("POST", `/v1/projects/${project}/auth/confirmSignUp`, { token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { uid: string; idToken: string };
  };

  beforeAll(async () => {
    runtime = await createTestRuntime(database.url);
    await runtime.createProject("notes");
    await runtime.createProject("plain");
  });
  afterAll(() => runtime.close());

  it("links a project's sign-up and reset mails to its page, in its name", async () => {
    const mail = { actionUrl: NOTES_URL, appName: "Notes" };
    const patched = await patchConfig({ auth: { mail } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().project.config.auth.mail).toEqual(mail);

    const signUpMail = await signUp("notes", "ada@example.com");
    expect(signUpMail.subject).toBe("Confirm your Notes account");
    expect(signUpMail.text).toMatch(/— Notes$/);
    const link = linkOf(signUpMail);
    expect(link.href.startsWith("https://notes.example.test/__/auth/action?")).toBe(true);
    expect(Object.fromEntries(link.searchParams)).toEqual({
      lang: "en",
      mode: "confirmSignUp",
      oobCode: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      project: "notes",
    });
    await confirm("notes", signUpMail); // the link's code is the one the runtime made

    expect((await signUp("notes", "ada@example.com")).subject).toBe(
      "Someone tried to sign up for Notes with your email",
    );

    const reset = await call("POST", "/v1/projects/notes/auth/sendPasswordReset", {
      email: "ada@example.com",
    });
    expect(reset.statusCode, reset.body).toBe(204);
    const resetMail = lastMail("ada@example.com");
    expect(resetMail).toMatchObject({
      kind: "password-reset",
      subject: "Reset your Notes password",
    });
    const resetLink = linkOf(resetMail);
    expect(resetLink.href.startsWith(`${NOTES_URL}&mode=resetPassword&oobCode=`)).toBe(true);
    expect(resetLink.searchParams.get("project")).toBe("notes");
    const token = resetLink.searchParams.get("oobCode");
    const used = await call("POST", "/v1/projects/notes/auth/resetPassword", {
      token,
      newPassword: "another long password",
    });
    expect(used.statusCode, used.body).toBe(204);
  });

  it("uses them for email changes too, looked up when the mail goes out", async () => {
    const bob = await confirm("notes", await signUp("notes", "bob@example.com"));
    const change = await call(
      "POST",
      "/v1/projects/notes/auth/updateEmail",
      { newEmail: "bob@new.example.com" },
      bob.idToken,
    );
    expect(change.statusCode, change.body).toBe(204);
    const changeMail = lastMail("bob@new.example.com");
    expect(changeMail.subject).toBe("Confirm your new email for Notes");
    const link = linkOf(changeMail);
    expect(link.origin + link.pathname).toBe("https://notes.example.test/__/auth/action");
    expect(link.searchParams.get("mode")).toBe("verifyAndChangeEmail");
    const token = link.searchParams.get("oobCode");
    expect(
      (await call("POST", "/v1/projects/notes/auth/confirmEmailChange", { token })).statusCode,
    ).toBe(204);
    expect(lastMail("bob@example.com")).toMatchObject({
      kind: "email-changed",
      subject: "The email of your Notes account was changed",
    });
  });

  it("keeps the runtime's defaults for a project without them", async () => {
    expect(
      (await call("GET", "/v1/admin/projects/plain", undefined, TEST_ADMIN_KEY)).json().project
        .config,
    ).toEqual({
      strictIndexes: false,
      auth: { emailPassword: { enabled: true }, anonymous: { enabled: false } },
    });
    const mail = await signUp("plain", "cy@example.com");
    expect(mail.subject).toBe(`Confirm your ${TEST_MAIL_SETTINGS.appName} account`);
    const link = linkOf(mail);
    expect(link.href.startsWith(`${TEST_MAIL_SETTINGS.actionBaseUrl}?mode=confirmSignUp&`)).toBe(
      true,
    );
    expect(link.searchParams.get("project")).toBe("plain");
  });

  it("refuses bad settings, naming the field, and changes nothing", async () => {
    const before = await config();
    const cases: Array<[object, string]> = [
      [{ actionUrl: "javascript:alert(1)" }, "auth.mail.actionUrl: must be an http or https URL"],
      [{ actionUrl: "/auth/action" }, "auth.mail.actionUrl: must be an http or https URL"],
      [{ actionUrl: "//evil.example.test/a" }, "auth.mail.actionUrl: must be an http or https URL"],
      [
        { actionUrl: "ftp://notes.example.test/a" },
        "auth.mail.actionUrl: must be an http or https URL",
      ],
      [
        { actionUrl: "https://notes.example.test/a#frag" },
        "auth.mail.actionUrl: must not have a fragment",
      ],
      [
        { actionUrl: "https://notes.example.test/a#" },
        "auth.mail.actionUrl: must not have a fragment",
      ],
      [
        { actionUrl: "https://u:p@notes.example.test/" },
        "auth.mail.actionUrl: must not contain credentials",
      ],
      [{ actionUrl: 42 }, "auth.mail.actionUrl: Invalid input: expected string"],
      [
        { appName: "Notes\r\nBcc: victim@example.com" },
        "auth.mail.appName: must not contain line breaks",
      ],
      [{ appName: "Notes\n" }, "auth.mail.appName: must not contain line breaks"],
      [{ appName: "N".repeat(61) }, "auth.mail.appName: must be 1 to 60 characters"],
      [{ appName: "" }, "auth.mail.appName: must be 1 to 60 characters"],
      [{ appName: "   " }, "auth.mail.appName: must not be blank"],
      [{ appName: "Notes", from: "x@example.com" }, "auth.mail: unknown field(s) from"],
    ];
    for (const [mail, message] of cases) {
      const res = await patchConfig({ strictIndexes: true, auth: { mail } });
      expect(res.statusCode, JSON.stringify(mail)).toBe(400);
      expect(res.json().error.code).toBe("invalid-argument");
      expect(res.json().error.message, JSON.stringify(mail)).toContain(message);
    }
    expect(await config()).toEqual(before);
    expect((await patchConfig({ auth: { mail: { appName: "N".repeat(60) } } })).statusCode).toBe(
      200,
    );
  });

  it("returns to the defaults once cleared, field by field or whole", async () => {
    const set = await patchConfig({ auth: { mail: { appName: "Notes" } } });
    expect(set.json().project.config.auth.mail).toEqual({ appName: "Notes" });
    const nameOnly = await signUp("notes", "dee@example.com");
    expect(nameOnly.subject).toBe("Confirm your Notes account");
    expect(linkOf(nameOnly).href.startsWith(`${TEST_MAIL_SETTINGS.actionBaseUrl}?`)).toBe(true);

    const cleared = await patchConfig({ auth: { mail: {} } });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().project.config.auth).toEqual({
      emailPassword: { enabled: true },
      anonymous: { enabled: false },
    });
    const plain = await signUp("notes", "eve@example.com");
    expect(plain.subject).toBe(`Confirm your ${TEST_MAIL_SETTINGS.appName} account`);
    expect(linkOf(plain).href.startsWith(`${TEST_MAIL_SETTINGS.actionBaseUrl}?`)).toBe(true);
  });

  it("keeps the settings when another part of the config changes", async () => {
    await patchConfig({ auth: { mail: { actionUrl: NOTES_URL } } });
    const res = await patchConfig({ strictIndexes: false, auth: { anonymous: { enabled: true } } });
    expect(res.json().project.config.auth.mail).toEqual({ actionUrl: NOTES_URL });
  });
});
