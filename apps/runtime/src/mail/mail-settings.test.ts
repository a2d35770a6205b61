import { describe, expect, it } from "vitest";
import {
  describeSmtpEndpoint,
  isMailFromAddress,
  parseSmtpUrl,
  smtpUrlProblem,
} from "./mail-settings.js";

describe("parseSmtpUrl", () => {
  it("defaults smtp:// to the submission port without TLS from the start", () => {
    expect(parseSmtpUrl("smtp://mail.example.com")).toEqual({
      host: "mail.example.com",
      port: 587,
      secure: false,
    });
  });

  it("defaults smtps:// to port 465 with TLS", () => {
    expect(parseSmtpUrl("smtps://mail.example.com")).toMatchObject({ port: 465, secure: true });
  });

  it("keeps an explicit port and percent-decodes the credentials", () => {
    expect(parseSmtpUrl("smtp://me%40example.com:p%40ss%3Aword@mail.example.com:2525/")).toEqual({
      host: "mail.example.com",
      port: 2525,
      secure: false,
      auth: { user: "me@example.com", pass: "p@ss:word" },
    });
  });

  it("unbrackets an IPv6 host, and brackets it again for logs", () => {
    const endpoint = parseSmtpUrl("smtp://[::1]:25");
    expect(endpoint.host).toBe("::1");
    expect(describeSmtpEndpoint(endpoint)).toBe("smtp://[::1]:25");
  });

  it("describes an endpoint without its credentials", () => {
    const described = describeSmtpEndpoint(parseSmtpUrl("smtps://user:hunter2@mail.example.com"));
    expect(described).toBe("smtps://mail.example.com:465");
  });

  it("refuses a bad URL without quoting it", () => {
    expect(() => parseSmtpUrl("http://user:hunter2@mail.example.com")).toThrow(
      /^WINKY_SMTP_URL must be smtp:\/\//,
    );
    expect(() => parseSmtpUrl("http://user:hunter2@mail.example.com")).not.toThrow(/hunter2/);
  });
});

describe("smtpUrlProblem", () => {
  it.each([
    ["not a URL", "mail.example.com:587"],
    ["another scheme", "https://mail.example.com"],
    ["no host", "smtp://"],
    ["a query", "smtp://mail.example.com?pool=true"],
    ["a path", "smtp://mail.example.com/relay"],
    ["a password without a user", "smtp://:secret@mail.example.com"],
    ["broken percent-encoding", "smtp://user:%E0%A4%A@mail.example.com"],
  ])("finds %s", (_, url) => {
    expect(smtpUrlProblem(url)).toMatch(/^must be smtp:\/\//);
  });

  it("finds nothing wrong with a user and no password", () => {
    expect(smtpUrlProblem("smtp://apikey@mail.example.com")).toBeNull();
  });
});

describe("isMailFromAddress", () => {
  it.each(["no-reply@example.com", "Winky <no-reply@example.com>", '"Winky, Inc." <a@b.example>'])(
    "accepts %s",
    (from) => expect(isMailFromAddress(from)).toBe(true),
  );

  it.each([
    "Winky",
    "Winky <no-reply>",
    "a@example.com, b@example.com",
    "A <a@example.com>, B <b@example.com>",
    "Winky\r\nBcc: x@example.com <a@example.com>",
  ])("refuses %j", (from) => expect(isMailFromAddress(from)).toBe(false));
});
