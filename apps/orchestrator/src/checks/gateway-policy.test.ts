import { describe, expect, it } from "vitest";
import { gatewayVerdict } from "./gateway-policy.js";

const verdict = (method: string, url: string, upgrade = false) =>
  gatewayVerdict(method, url, "run-42", { upgrade });

describe("the gateway's policy", () => {
  describe("for the run's project", () => {
    it("lets documents, auth, storage and hosting calls through", () => {
      for (const url of [
        "/v1/projects/run-42/databases/(default)/documents/notes?pageSize=5",
        "/v1/projects/run-42/auth/sign-up",
        "/v1/projects/run-42/storage/o/users%2Fu1%2Fnotes%2Fa.png?alt=media",
        "/v1/projects/run-42/hosting/index.html",
      ]) {
        expect(verdict("GET", url), url).toEqual({ allowed: true, admin: false });
      }
    });

    it("marks the smoke spec's admin calls as admin, and refuses every other admin call", () => {
      expect(verdict("GET", "/v1/projects/run-42/admin/mailbox?limit=50")).toEqual({
        allowed: true,
        admin: true,
      });
      expect(verdict("PUT", "/v1/projects/run-42/admin/users/u1/claims")).toMatchObject({
        admin: true,
      });
      const rules = verdict("PUT", "/v1/projects/run-42/admin/rules/firestore");
      expect(rules).toMatchObject({ allowed: false });
      expect(rules.allowed ? "" : rules.reason).toContain("PUT /v1/projects/run-42/admin/rules");
    });

    it("takes WebSocket upgrades for listen only", () => {
      expect(verdict("GET", "/v1/projects/run-42/listen?access_token=t", true)).toMatchObject({
        allowed: true,
      });
      expect(verdict("GET", "/v1/projects/run-42/auth/sign-in", true)).toMatchObject({
        allowed: false,
      });
    });
  });

  describe("for anything else", () => {
    it("refuses another project, a prefix of the project's name and the project root", () => {
      for (const url of [
        "/v1/projects/other/databases/(default)/documents/notes",
        "/v1/projects/run-4/auth/sign-up",
        "/v1/projects/run-42x/auth/sign-up",
        "/v1/projects/run-42",
        "/v1/projects/run-42/",
      ]) {
        expect(verdict("GET", url), url).toMatchObject({ allowed: false });
      }
    });

    it("refuses the runtime's other routes and non-API URLs", () => {
      for (const url of ["/v1/admin/projects", "/healthz", "/", "http://1.1.1.1/"]) {
        const result = verdict("GET", url);
        expect(result, url).toMatchObject({ allowed: false });
        expect(result.allowed ? "" : result.reason).toContain("project 'run-42'");
      }
    });

    it("refuses dot segments, plain or encoded, and encoded slashes", () => {
      for (const url of [
        "/v1/projects/run-42/../other/auth/sign-up",
        "/v1/projects/run-42/%2e%2e/other/auth",
        "/v1/projects/run-42/admin%2Fkeys",
        "/v1/projects/run-42/./admin/keys",
        "/v1/projects/run-42/%zz",
      ]) {
        expect(verdict("GET", url), url).toMatchObject({ allowed: false });
      }
    });
  });
});
