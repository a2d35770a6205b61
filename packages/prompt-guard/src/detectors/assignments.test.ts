import { describe, expect, it } from "vitest";
import { createRedactor } from "../redactor.js";

const clean = (text: string) => createRedactor([]).clean(text, "text");
const R = "[redacted: env-assignment]";

describe("secret-named assignments", () => {
  it.each([
    ["API_KEY=Zx81-kq2-PLm", `API_KEY=${R}`, "API_KEY"],
    ["export STRIPE_SECRET='v4l-ue.9'", `export STRIPE_SECRET='${R}'`, "STRIPE_SECRET"],
    ['DB_PASSWORD="correct horse 42"', `DB_PASSWORD="${R}"`, "DB_PASSWORD"],
    ["MYSQL_PWD=hunter22 # the dev one", `MYSQL_PWD=${R} # the dev one`, "MYSQL_PWD"],
    ["SENTRY_DSN=https://abc123:x9@o1.ingest.io/4", `SENTRY_DSN=${R}`, "SENTRY_DSN"],
    ["GOOGLE_CREDENTIALS=eyJ0eXBlIjoi", `GOOGLE_CREDENTIALS=${R}`, "GOOGLE_CREDENTIALS"],
    ["  SESSION_SECRET: kj2-83h-xx0", `  SESSION_SECRET: ${R}`, "SESSION_SECRET"],
    ["  password: hunter22", `  password: ${R}`, "password"],
    ['{ "client_secret": "cs-88ab71ff" }', `{ "client_secret": "${R}" }`, "client_secret"],
    ['const apiKey = "Zm9vYmFyYmF6cXV4";', `const apiKey = "${R}";`, "apiKey"],
    ['const token: string = "t0k-9921ab";', `const token: string = "${R}";`, "token"],
    [
      "$config = ['db_password' => 'pa55-w0rd'];",
      `$config = ['db_password' => '${R}'];`,
      "db_password",
    ],
    ["PRIVATE_SIGNING=abc123def", `PRIVATE_SIGNING=${R}`, "PRIVATE_SIGNING"],
    ["run: GH_TOKEN=q1w2e3r4 npm publish", `run: GH_TOKEN=${R} npm publish`, "GH_TOKEN"],
    ["GET /cb?access_token=a8f3k2m9x&state=1", `GET /cb?access_token=${R}&state=1`, "access_token"],
    // A download URL's token is a capability: whoever has it reads the file.
    ["/o/a.png?alt=media&token=550e8400-e29b-41d4", `/o/a.png?alt=media&token=${R}`, "token"],
    ["Authorization: Bearer abc123def456", `Authorization: Bearer ${R}`, "Authorization"],
    ['headers: { "x-api-key": "k-22aa9f1" }', `headers: { "x-api-key": "${R}" }`, "x-api-key"],
  ])("removes the value of %j, keeping the name", (text, expected, name) => {
    const { value, removed } = clean(text);
    expect(value).toBe(expected);
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatchObject({ kind: "env-assignment", name, where: "text" });
  });

  it("removes a .env line's unquoted value up to its end, less a comment", () => {
    expect(clean("SECRET_PHRASE=open sesame now # dev\nNEXT=1").value).toBe(
      `SECRET_PHRASE=${R} # dev\nNEXT=1`,
    );
  });

  it.each([
    // Names that are not secret-named.
    'const key = "title";',
    '<li key="item-1">',
    "PUBLIC_URL=https://example.com",
    "PWD=/work/main",
    'const sortKey = "createdAt";',
    'tokenizer: "cl100k_base"',
    // References, placeholders, examples.
    "API_KEY=",
    "API_KEY=${API_KEY}",
    'const SERVICE_KEY = process.env.WINKY_SERVICE_KEY ?? "";',
    "export WINKY_SERVICE_KEY=<the serviceKey.key it answered>",
    "Run: WINKY_SERVICE_KEY=… npm run smoke",
    'STRIPE_KEY: "sk_live_…"',
    "API_TOKEN=your-token-here",
    "authorization: `Bearer ${key}`",
    '-H "authorization: Bearer $(cat .winky/runtime-admin.key)"',
    "`/users?limit=1000${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`",
    // Text, numbers, versions, words, types and code.
    'const PASSWORD = "smoke test passphrase 42";',
    "MAX_TOKENS=4096",
    "TOKEN_TTL=3600",
    '"jsonwebtoken": "^9.0.0",',
    'autoComplete="new-password"',
    'type: "password",',
    'token: "Bearer",',
    'export const GIT_PUSH_TOKEN = "GIT_PUSH_TOKEN";',
    'const KEYRING = "usr/share/keyrings/debian-archive-keyring.gpg";',
    "  password?: string;",
    "  token: string;",
    "  apiKey: options.apiKey,",
    "  password: z.string().min(8),",
    "let pageToken = '';",
    "if (token === 'abc123def') {}",
    'DATABASE_URL: "postgres://app@127.0.0.1:5432/app",',
  ])("leaves %s alone", (text) => {
    expect(clean(text).removed).toEqual([]);
  });

  it("is idempotent: a cleaned assignment is not cleaned again", () => {
    const once = clean('API_KEY=Zx81-kq2-PLm\n"password": "pa55-w0rd"').value;
    expect(clean(once)).toEqual({ value: once, removed: [] });
  });
});
