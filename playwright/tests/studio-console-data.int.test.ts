import { TEST_ADMIN_KEY } from "@winky/runtime/testing";
import { addViewer } from "@winky/studio/testing";
import { describeWithChromium, useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PIXEL, PROJECT, startConsoleStack, type ConsoleStack } from "./console-stack.test-bed.js";
import {
  expectPageBasics,
  openStudioPage,
  saveScreenshot,
  signInWithToken,
} from "./studio-page.js";

describeWithChromium(
  "the runtime console's data, users, files, logs and events, in Chromium",
  () => {
    const database = useTestDatabase("pw_console_data");
    const runtimeDb = useTestDatabase("pw_console_data_runtime");
    let consoleStack: ConsoleStack;
    let stack: ConsoleStack["stack"];
    let admin: ConsoleStack["admin"];
    let runtime: ConsoleStack["runtime"];
    let runtimeUrl: string;
    let team: ConsoleStack["team"];
    let appId: string;

    beforeAll(async () => {
      consoleStack = await startConsoleStack(database.url, runtimeDb.url);
      ({ stack, admin, runtime, runtimeUrl, team, appId } = consoleStack);
    }, 300_000);

    afterAll(async () => {
      await consoleStack?.close();
    });

    it("lists a collection's documents and saves one as JSON", async () => {
      const studio = await openStudioPage(stack.browser);
      await signInWithToken(studio.page, stack.studio.url, "ada@example.com", team.token);
      await studio.page.goto(`${stack.studio.url}/apps/${appId}/console/rules`);
      await studio.page.getByRole("link", { name: "Documents" }).click();
      await studio.page.getByLabel("Collection path").fill("notes");
      await studio.page.getByRole("button", { name: "Show documents" }).click();
      await studio.page.getByRole("rowheader", { name: "notes/n1" }).waitFor();
      await expectPageBasics(studio);
      await studio.page.getByLabel("Document path").fill("notes/n9");
      await studio.page.getByLabel("Data (JSON)").fill('{"title": "Ninth"}');
      await studio.page.getByRole("button", { name: "Save document" }).click();
      await studio.page.getByRole("status").filter({ hasText: "Saved notes/n9." }).waitFor();
      await studio.page.getByRole("rowheader", { name: "notes/n9" }).waitFor();
      expect(await admin.getDocument(PROJECT, "notes/n9")).toMatchObject({
        data: { title: "Ninth" },
      });
      await saveScreenshot(studio.page, "console-documents");
      await studio.close();
    });

    it("disables a user of the app, and refuses a viewer's document write in words", async () => {
      const post = (path: string, body: object) =>
        fetch(`${runtimeUrl}/v1/projects/${PROJECT}/auth/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      await post("signUp", { email: "una@example.com", password: "a long enough password" });
      const token = runtime.auth.stores.outbox.lastToken("una@example.com");
      expect((await post("confirmSignUp", { token })).ok).toBe(true);
      const [una] = (await admin.listUsers(PROJECT, { limit: 10 })).users;

      const studio = await openStudioPage(stack.browser);
      await signInWithToken(studio.page, stack.studio.url, "ada@example.com", team.token);
      await studio.page.goto(`${stack.studio.url}/apps/${appId}/console/users`);
      const row = studio.page.getByRole("row", { name: /una@example.com/ });
      await row.getByText("active").waitFor();
      await expectPageBasics(studio);
      await row.getByRole("button", { name: `Disable ${una!.uid}` }).click();
      await row.getByRole("button", { name: "Disable", exact: true }).click();
      await row.getByText("disabled", { exact: true }).waitFor();
      // The control now offers the way back.
      await row.getByRole("button", { name: `Enable ${una!.uid}` }).waitFor();
      expect((await admin.listUsers(PROJECT, { limit: 10 })).users[0]).toMatchObject({
        disabled: true,
      });
      await saveScreenshot(studio.page, "console-users");
      await studio.close();

      const viewer = await openStudioPage(stack.browser);
      const viewerToken = await addViewer(stack.pool, team.teamId, "vic@example.com");
      await signInWithToken(viewer.page, stack.studio.url, "vic@example.com", viewerToken);
      await viewer.page.goto(
        `${stack.studio.url}/apps/${appId}/console/documents?collection=notes`,
      );
      await viewer.page.getByLabel("Document path").fill("notes/v1");
      await viewer.page.getByRole("button", { name: "Save document" }).click();
      const refusal = viewer.page.getByRole("alert").filter({ hasText: "member role" });
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain("FORBIDDEN");
      expect(await admin.getDocument(PROJECT, "notes/v1")).toBeUndefined();
      await viewer.close();
    });

    it("previews an image file, shows a function's log and replays events", async () => {
      const upload = await fetch(
        `${runtimeUrl}/v1/projects/${PROJECT}/storage/o?name=images/pixel.png`,
        {
          method: "POST",
          headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, "content-type": "image/png" },
          body: PIXEL,
        },
      );
      expect(upload.ok).toBe(true);
      await admin.deployFunction(PROJECT, "greet", {
        source: "export default (e) => e;",
        trigger: { kind: "callable" },
      });
      const call = await fetch(`${runtimeUrl}/v1/projects/${PROJECT}/functions/greet:call`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ data: { to: "ada" } }),
      });
      expect(call.ok).toBe(true);

      const studio = await openStudioPage(stack.browser);
      const { page } = studio;
      await signInWithToken(page, stack.studio.url, "ada@example.com", team.token);
      await page.goto(`${stack.studio.url}/apps/${appId}/console/storage`);
      await page.getByRole("link", { name: /images\// }).click();
      const preview = page.getByRole("img", { name: "Preview of images/pixel.png" });
      await preview.waitFor();
      expect(
        await preview.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      ).toBe(1);
      await expectPageBasics(studio);
      await saveScreenshot(page, "console-storage");

      await page.getByRole("link", { name: "Function logs" }).click();
      await page.getByRole("link", { name: "greet" }).click();
      await page.getByText('greeting {"to":"ada"}').waitFor();
      await saveScreenshot(page, "console-functions");

      await page.goto(
        `${stack.studio.url}/apps/${appId}/console/events?kind=document.created&prefix=notes/n1`,
      );
      await page.getByRole("rowheader", { name: "notes/n1" }).waitFor();
      await expectPageBasics(studio);
      await page.getByRole("button", { name: "Replay these events" }).click();
      await page.getByRole("button", { name: "Replay", exact: true }).click();
      await page
        .getByRole("status")
        .filter({ hasText: /^Replayed 1 event\(s\) as replay / })
        .waitFor();
      await saveScreenshot(page, "console-events");
      await studio.close();
    });
  },
);
