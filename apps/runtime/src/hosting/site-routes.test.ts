import { describe, expect, it } from "vitest";
import { projectOfSiteHost, siteHostPattern } from "./site-routes.js";

describe("site hosts", () => {
  const localhost = siteHostPattern("localhost");

  it("finds the project in <project>.<domain>[:port], any case", () => {
    expect(projectOfSiteHost("myapp.localhost:4000", localhost)).toBe("myapp");
    expect(projectOfSiteHost("myapp.localhost", localhost)).toBe("myapp");
    expect(projectOfSiteHost("My-App.LocalHost:80", localhost)).toBe("my-app");
    const apps = siteHostPattern("apps.example.com");
    expect(projectOfSiteHost("notes.apps.example.com", apps)).toBe("notes");
  });

  it.each([
    "localhost:4000",
    "127.0.0.1:4000",
    "a.b.localhost",
    "ab.localhost",
    "1app.localhost",
    "myapp.localhost.evil.com",
    "myapp.localhostx",
    "myappxlocalhost",
    "myapp.localhost:",
    "",
  ])("ignores %j", (host) => expect(projectOfSiteHost(host, localhost)).toBeNull());

  it("treats the domain's dots literally", () => {
    const pattern = siteHostPattern("apps.example.com");
    expect(projectOfSiteHost("notes.appsxexample.com", pattern)).toBeNull();
  });
});
