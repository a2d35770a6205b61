import { ConfigError } from "@winky/config";
import { describe, expect, it } from "vitest";
import { loadRuntimeConfig } from "./env.js";

const base = {
  DATABASE_URL: "postgres://winky@127.0.0.1:5432/winky",
  WINKY_ADMIN_KEY: "a".repeat(32),
  WINKY_MASTER_KEY: Buffer.alloc(32, 7).toString("base64url"),
};

describe("loadRuntimeConfig", () => {
  describe("secrets", () => {
    it("uses a file by default and Vault only with both its address and token", () => {
      expect(loadRuntimeConfig(base).WINKY_SECRETS_FILE).toBe(".winky/secrets.json");
      expect(() => loadRuntimeConfig({ ...base, VAULT_ADDR: "http://127.0.0.1:8200" })).toThrow(
        /VAULT_TOKEN: is required when the other of VAULT_ADDR and VAULT_TOKEN is set/,
      );
      const vault = loadRuntimeConfig({ ...base, VAULT_ADDR: "http://v:8200", VAULT_TOKEN: "t" });
      expect(vault.VAULT_ADDR).toBe("http://v:8200");
    });
  });

  describe("storage", () => {
    it("stores files under .winky/storage by default, with a 100 MiB limit", () => {
      const config = loadRuntimeConfig(base);
      expect(config.WINKY_STORAGE_DIR).toBe(".winky/storage");
      expect(config.WINKY_STORAGE_MAX_OBJECT_SIZE).toBe(100 * 1024 * 1024);
      expect(config.S3_ENDPOINT).toBeUndefined();
      expect(() => loadRuntimeConfig({ ...base, WINKY_STORAGE_MAX_OBJECT_SIZE: "-1" })).toThrow(
        /WINKY_STORAGE_MAX_OBJECT_SIZE/,
      );
    });

    it("uses S3 only with its endpoint and both keys", () => {
      expect(() => loadRuntimeConfig({ ...base, S3_ENDPOINT: "http://127.0.0.1:9000" })).toThrow(
        /S3_ACCESS_KEY: is required when S3_ENDPOINT is set/,
      );
      const s3 = loadRuntimeConfig({
        ...base,
        S3_ENDPOINT: "http://127.0.0.1:9000",
        S3_ACCESS_KEY: "a",
        S3_SECRET_KEY: "s",
      });
      expect(s3).toMatchObject({ S3_REGION: "us-east-1", S3_BUCKET_PREFIX: "winky-" });
      expect(() => loadRuntimeConfig({ ...base, S3_BUCKET_PREFIX: "Bad_" })).toThrow(
        /S3_BUCKET_PREFIX/,
      );
    });
  });

  describe("hosting", () => {
    it("serves sites by host only with a domain name, lowercased", () => {
      expect(loadRuntimeConfig(base).WINKY_HOSTING_DOMAIN).toBeUndefined();
      const config = loadRuntimeConfig({ ...base, WINKY_HOSTING_DOMAIN: "Apps.Example.com" });
      expect(config.WINKY_HOSTING_DOMAIN).toBe("apps.example.com");
      for (const bad of ["http://localhost", "localhost:4000", "-x.com", "a..b", ""]) {
        expect(() => loadRuntimeConfig({ ...base, WINKY_HOSTING_DOMAIN: bad })).toThrow(
          /WINKY_HOSTING_DOMAIN: must be a domain name/,
        );
      }
    });
  });

  describe("events", () => {
    it("leaves the events queue off without REDIS_URL and takes only redis:// URLs", () => {
      expect(loadRuntimeConfig(base).REDIS_URL).toBeUndefined();
      const config = loadRuntimeConfig({ ...base, REDIS_URL: "redis://127.0.0.1:6379" });
      expect(config.REDIS_URL).toBe("redis://127.0.0.1:6379");
      expect(() => loadRuntimeConfig({ ...base, REDIS_URL: "http://127.0.0.1:6379" })).toThrow(
        /REDIS_URL/,
      );
    });
  });

  describe("database pool", () => {
    it("defaults to twice the cores, at least 4, and takes a whole number", () => {
      expect(loadRuntimeConfig(base).WINKY_DATABASE_POOL_SIZE).toBeGreaterThanOrEqual(4);
      expect(
        loadRuntimeConfig({ ...base, WINKY_DATABASE_POOL_SIZE: "12" }).WINKY_DATABASE_POOL_SIZE,
      ).toBe(12);
      expect(() => loadRuntimeConfig({ ...base, WINKY_DATABASE_POOL_SIZE: "0" })).toThrow(
        /WINKY_DATABASE_POOL_SIZE/,
      );
      expect(() => loadRuntimeConfig({ ...base, WINKY_DATABASE_POOL_SIZE: "lots" })).toThrow(
        ConfigError,
      );
    });
  });

  describe("mail", () => {
    it("leaves SMTP off when WINKY_SMTP_URL is not set", () => {
      const config = loadRuntimeConfig(base);
      expect(config.WINKY_SMTP_URL).toBeUndefined();
      expect(config.WINKY_MAIL_FROM).toBeUndefined();
    });

    it("accepts smtp:// and smtps:// URLs with a sender address", () => {
      for (const url of ["smtp://user:p%40ss@mail.example.com:587", "smtps://mail.example.com"]) {
        const config = loadRuntimeConfig({
          ...base,
          WINKY_SMTP_URL: url,
          WINKY_MAIL_FROM: "Winky <no-reply@example.com>",
        });
        expect(config.WINKY_SMTP_URL).toBe(url);
      }
    });

    it("names WINKY_SMTP_URL for another scheme, without echoing the password", () => {
      const attempt = () =>
        loadRuntimeConfig({
          ...base,
          WINKY_SMTP_URL: "http://user:hunter2@mail.example.com",
          WINKY_MAIL_FROM: "no-reply@example.com",
        });
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(/WINKY_SMTP_URL: must be smtp:\/\/\[user:password@\]host\[:port\]/);
      expect(attempt).not.toThrow(/hunter2/);
    });

    it("names WINKY_SMTP_URL when it has no host, or a query nodemailer would read", () => {
      for (const url of ["smtp://", "smtp://mail.example.com?tls.rejectUnauthorized=false"]) {
        expect(() =>
          loadRuntimeConfig({ ...base, WINKY_SMTP_URL: url, WINKY_MAIL_FROM: "a@example.com" }),
        ).toThrow(/WINKY_SMTP_URL: must be smtp:\/\//);
      }
    });

    it("requires WINKY_MAIL_FROM when WINKY_SMTP_URL is set", () => {
      expect(() =>
        loadRuntimeConfig({ ...base, WINKY_SMTP_URL: "smtp://mail.example.com" }),
      ).toThrow(/WINKY_MAIL_FROM: is required when WINKY_SMTP_URL is set/);
    });

    it("reports a missing WINKY_MAIL_FROM alongside other bad variables", () => {
      expect(() =>
        loadRuntimeConfig({ ...base, PORT: "99999", WINKY_SMTP_URL: "smtp://mail.example.com" }),
      ).toThrow(/PORT: .*\n.*WINKY_MAIL_FROM: is required/);
    });

    it("names WINKY_MAIL_FROM when it is not one address", () => {
      for (const from of [
        "Winky",
        "a@example.com, b@example.com",
        "Winky <a@example.com>\r\nBcc: x@y.z",
      ]) {
        expect(() =>
          loadRuntimeConfig({
            ...base,
            WINKY_SMTP_URL: "smtp://mail.example.com",
            WINKY_MAIL_FROM: from,
          }),
        ).toThrow(/WINKY_MAIL_FROM: must be one address/);
      }
    });
  });
});
