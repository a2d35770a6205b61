/**
 * The top of every smoke spec: settings from the environment, and signing up through the
 * mailed link read from the runtime's dev mailbox with the project's service key.
 */
export const SMOKE_HELPERS = `// Generated from the plan's smoke scenarios. Run: WINKY_SERVICE_KEY=… npm run smoke
// (WINKY_URL and WINKY_PROJECT default to the local runtime and this app's project; BASE_URL to
// a vite the config starts). The key only reads the dev mailbox and grants test roles.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

const RUNTIME = (process.env.WINKY_URL ?? "http://localhost:4000").replace(/\\/+$/, "");
const PROJECT = process.env.WINKY_PROJECT ?? "__PROJECT__";
const SERVICE_KEY = process.env.WINKY_SERVICE_KEY ?? "";
const PASSWORD = "smoke test passphrase 42";
/** A 1×1 PNG and a tiny PDF, for upload fields. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);
const PDF = Buffer.from("%PDF-1.1\\n%%EOF\\n");

test.beforeAll(() => {
  if (!SERVICE_KEY) throw new Error("Set WINKY_SERVICE_KEY: the smoke test reads the dev mailbox with it.");
});

async function adminApi(request: APIRequestContext, method: "GET" | "PUT", path: string, data?: unknown) {
  const response = await request.fetch(\`\${RUNTIME}/v1/projects/\${PROJECT}/admin\${path}\`, {
    method,
    headers: { authorization: \`Bearer \${SERVICE_KEY}\` },
    ...(data === undefined ? {} : { data }),
  });
  expect(response.ok(), \`\${method} \${path}: \${response.status()}\`).toBe(true);
  return response.json() as Promise<unknown>;
}

/** The link of the sign-up mail sent to \`email\`, from the dev mailbox (polled for 10 s). */
async function mailedLink(request: APIRequestContext, email: string): Promise<URL> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const { messages } = (await adminApi(request, "GET", "/mailbox?limit=50")) as {
      messages: Array<{ to: string; kind: string; text: string }>;
    };
    const href = messages
      .find((m) => m.to === email && m.kind === "sign-up")
      ?.text.match(/https?:\\/\\/\\S+/)?.[0];
    if (href) return new URL(href);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(\`no sign-up mail reached \${email}\`);
}

/** Signs up a new user: the form, "check your mail", then the mailed link's /auth/action. */
async function signUp(page: Page, request: APIRequestContext): Promise<string> {
  const email = \`smoke-\${Date.now()}-\${Math.random().toString(36).slice(2, 8)}@example.com\`;
  await page.goto("/sign-up");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByRole("heading", { name: "Check your mail" })).toBeVisible();
  const link = await mailedLink(request, email);
  // The link points at the runtime's configured action page: open its query on this app.
  await page.goto(\`/auth/action\${link.search}\`);
  await expect(page.getByText("Your account is confirmed")).toBeVisible();
  return email;
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("main").getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
}

/** Gives the user roles (custom claims), then signs in again so the token carries them. */
async function grantRoles(page: Page, request: APIRequestContext, email: string, roles: string[]) {
  let pageToken = "";
  for (;;) {
    const { users, nextPageToken } = (await adminApi(
      request,
      "GET",
      \`/users?limit=1000\${pageToken ? \`&pageToken=\${encodeURIComponent(pageToken)}\` : ""}\`,
    )) as { users: Array<{ uid: string; email?: string }>; nextPageToken?: string };
    const user = users.find((u) => u.email === email);
    if (user) {
      await adminApi(request, "PUT", \`/users/\${user.uid}/claims\`, { claims: { roles } });
      break;
    }
    if (!nextPageToken) throw new Error(\`no user \${email}\`);
    pageToken = nextPageToken;
  }
  await signOut(page);
  await signIn(page, email);
}`;
