import { describe, expect, it } from "vitest";
import { actionLink, buildLinkMail, buildSignUpAttemptMail, describeMail } from "./mail.js";

const settings = {
  actionBaseUrl: "https://app.example.com/auth/action?lang=en",
  appName: "Ann's <Shop>",
};
const TOKEN = "A".repeat(43);

describe("action links", () => {
  it("carry mode, token and project on the configured base URL, keeping its query", () => {
    const link = new URL(actionLink(settings, "password-reset", "demo", TOKEN));
    expect(link.origin + link.pathname).toBe("https://app.example.com/auth/action");
    expect(Object.fromEntries(link.searchParams)).toEqual({
      lang: "en",
      mode: "resetPassword",
      oobCode: TOKEN,
      project: "demo",
    });
  });

  it.each([
    ["sign-up", "confirmSignUp"],
    ["verify-email", "verifyEmail"],
    ["password-reset", "resetPassword"],
  ] as const)("use mode %s → %s", (purpose, mode) => {
    expect(new URL(actionLink(settings, purpose, "demo", TOKEN)).searchParams.get("mode")).toBe(
      mode,
    );
  });
});

describe("link mails", () => {
  const reset = buildLinkMail(settings, "password-reset", {
    projectId: "demo",
    to: "ann@example.com",
    token: TOKEN,
    validForMs: 3_600_000,
  });

  it("address the recipient with a subject naming the app", () => {
    expect(reset).toMatchObject({
      projectId: "demo",
      kind: "password-reset",
      to: "ann@example.com",
      subject: "Reset your Ann's <Shop> password",
    });
  });

  it("carry the link and how long it works in plain text", () => {
    expect(reset.text).toContain(actionLink(settings, "password-reset", "demo", TOKEN));
    expect(reset.text).toContain("It works for 1 hour, once.");
  });

  it("carry the same link in HTML, escaped", () => {
    const href = actionLink(settings, "password-reset", "demo", TOKEN).replaceAll("&", "&amp;");
    expect(reset.html).toContain(`<a href="${href}">Reset my password</a>`);
    expect(reset.html).toContain("Ann&#39;s &lt;Shop&gt;");
    expect(reset.html).not.toContain("<Shop>");
  });

  it("say 24 hours for a sign-up confirmation", () => {
    const mail = buildLinkMail(settings, "sign-up", {
      projectId: "demo",
      to: "ann@example.com",
      token: TOKEN,
      validForMs: 86_400_000,
    });
    expect(mail.text).toContain("It works for 24 hours.");
    expect(mail.subject).toBe("Confirm your Ann's <Shop> account");
  });
});

describe("the sign-up attempt notice", () => {
  it("tells the owner without carrying any link or token", () => {
    const mail = buildSignUpAttemptMail(settings, { projectId: "demo", to: "ann@example.com" });
    expect(mail.kind).toBe("sign-up-attempt");
    expect(mail.subject).toBe("Someone tried to sign up for Ann's <Shop> with your email");
    expect(mail.text).not.toContain("oobCode");
    expect(mail.html).not.toContain("<a ");
  });
});

describe("describeMail", () => {
  it("gives what may be logged, never the body with its token", () => {
    const mail = buildLinkMail(settings, "verify-email", {
      projectId: "demo",
      to: "ann@example.com",
      token: TOKEN,
      validForMs: 86_400_000,
    });
    const logged = JSON.stringify(describeMail(mail));
    expect(logged).not.toContain(TOKEN);
    expect(describeMail(mail)).toEqual({
      kind: "verify-email",
      to: "ann@example.com",
      subject: "Verify your email for Ann's <Shop>",
    });
  });
});
