import {
  chromiumPath,
  describeWithChromium,
  describeWithDocker,
  useTestDatabase,
} from "@winky/testing";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { deployGeneratedApp, type DeployedApp } from "./deployed-app.test-bed.js";
import {
  createNote,
  listedTitles,
  main,
  naturalSize,
  newEmail,
  openNotes,
  signUp,
  type NoteDraft,
} from "./notes-ui.js";
import { makePng } from "./png.js";

const PROMPT = "A notes app with email login, markdown editor, tags, and images";
const IMAGE = { width: 16, height: 12 };
const NOTE: NoteDraft = {
  title: "Camping weekend",
  body: "# Trip plan\n\nPack the **blue tent** first.\n\n- maps\n- water\n",
  tags: ["camping"],
  image: {
    name: "tent.png",
    mimeType: "image/png",
    buffer: makePng(IMAGE.width, IMAGE.height),
  },
};
/** An untagged note of the same user: the tag filter must hide it. */
const OTHER: NoteDraft = { title: "Shopping list", body: "Eggs and coffee.", tags: [] };

/**
 * The notes app of the acceptance prompt as a person meets it: planned offline, coded, built
 * in the sandbox builder container, deployed with its site to a runtime serving it at
 * `http://notes.localhost:<port>/`, then driven in Chromium through its screens only.
 */
describeWithChromium("the deployed notes app, in Chromium", () => {
  describeWithDocker("prompt to deployed app, then two users in their own browsers", () => {
    const database = useTestDatabase("playwright_notes");
    let app: DeployedApp;
    let browser: Browser;
    const contexts: BrowserContext[] = [];
    /** User A's page, kept across the tests that follow A. */
    let pageA: Page;
    const pageErrors: string[] = [];
    /** The note's page, once user A saved it. */
    let noteUrl: string | undefined;

    async function newPage(): Promise<Page> {
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`));
      return page;
    }

    function savedNote(): string {
      if (!noteUrl) throw new Error("user A's note was not saved (see the first test)");
      return noteUrl;
    }

    beforeAll(async () => {
      const started = Date.now();
      app = await deployGeneratedApp(database.url, PROMPT);
      console.log(
        `notes app deployed at ${app.siteUrl} in ${Date.now() - started} ms ` +
          `(sandboxed typecheck, build and unit tests: ${app.buildMs} ms)`,
      );
      browser = await chromium.launch({
        executablePath: chromiumPath(),
        args: ["--no-sandbox"],
        headless: true,
      });
    }, 900_000);

    afterAll(async () => {
      for (const context of contexts) await context.close();
      await browser?.close();
      await app?.close();
    });

    it("serves the built app at the project's own localhost origin", async () => {
      expect(app.siteUrl).toMatch(/^http:\/\/notes\.localhost:\d+\/$/);
      pageA = await newPage();
      await pageA.goto(app.siteUrl);
      await main(pageA).getByRole("heading", { name: "Notes", level: 1 }).waitFor();
      expect(await pageA.title()).toBe("Notes");
    });

    it("lets user A sign up by mail and save a markdown note with a tag and an image", async () => {
      await signUp(pageA, app, newEmail("ada"));
      await openNotes(pageA);
      await main(pageA).getByText("No notes yet.").waitFor();

      await createNote(pageA, OTHER);
      await main(pageA).getByRole("link", { name: "Back to notes" }).click();
      expect(await listedTitles(pageA)).toEqual([OTHER.title]);

      noteUrl = await createNote(pageA, NOTE);
      expect(new URL(noteUrl).origin).toBe(new URL(app.siteUrl).origin);
    }, 180_000);

    it("shows A's note after a reload: rendered markdown, its tag and its image", async () => {
      expect(pageA.url()).toBe(savedNote());
      await pageA.reload();
      const detail = main(pageA);
      await detail.getByRole("heading", { name: NOTE.title, level: 1 }).waitFor();

      // The body as HTML: the markdown heading an h1, the bold text a strong, the list a list.
      // (It renders with the title, so what is there now is all there is.)
      expect(await detail.locator(".markdown h1").allTextContents()).toEqual(["Trip plan"]);
      expect(await detail.locator(".markdown strong").allTextContents()).toEqual(["blue tent"]);
      expect(await detail.locator(".markdown li").allTextContents()).toEqual(["maps", "water"]);
      const shown = (await detail.textContent()) ?? "";
      expect(shown).not.toContain("**blue tent**");
      expect(shown).not.toContain("# Trip plan");

      const tags = detail.getByRole("list", { name: "Tags" });
      expect(await tags.getByRole("listitem").allTextContents()).toEqual(["#camping"]);

      // The stored image, downloaded with A's credentials and decoded by the browser.
      const image = detail.getByRole("img", { name: "Image", exact: true });
      await image.or(detail.getByText("Image unavailable.")).waitFor();
      expect(await image.count(), "the detail says: Image unavailable.").toBe(1);
      expect(await naturalSize(image)).toEqual(IMAGE);

      // The list, reloaded too, holds both notes, newest first.
      await detail.getByRole("link", { name: "Back to notes" }).click();
      await pageA.reload();
      expect(await listedTitles(pageA)).toEqual([NOTE.title, OTHER.title]);
      expect(pageErrors).toEqual([]);
    }, 180_000);

    it("filters A's notes by the tag and back to all of them", async () => {
      savedNote();
      await openNotes(pageA);
      const filters = main(pageA).getByRole("group", { name: "Filter by tag" });
      const camping = filters.getByRole("button", { name: "#camping", exact: true });
      await camping.click();
      expect(await camping.getAttribute("aria-pressed")).toBe("true");
      await expect.poll(() => listedTitles(pageA), { timeout: 15_000 }).toEqual([NOTE.title]);

      await filters.getByRole("button", { name: "All", exact: true }).click();
      await expect
        .poll(() => listedTitles(pageA), { timeout: 15_000 })
        .toEqual([NOTE.title, OTHER.title]);
      expect(pageErrors).toEqual([]);
    }, 180_000);

    it("keeps A's note from user B: not listed, and its page shows none of it", async () => {
      const url = savedNote();
      const pageB = await newPage();
      await signUp(pageB, app, newEmail("bob"));
      await openNotes(pageB);
      await main(pageB).getByText("No notes yet.").waitFor();
      expect(await listedTitles(pageB)).toEqual([]);

      // A's note's address, opened directly: refused (or not found), nothing of it shown.
      await pageB.goto(url);
      const detail = main(pageB);
      const refused = detail
        .getByRole("alert")
        .or(detail.getByRole("heading", { name: "Not found" }));
      // Waits for the page to settle either way, so a leak fails at once, on what B sees.
      await refused.or(detail.getByRole("heading", { name: NOTE.title })).waitFor();
      expect(await refused.count(), "A's note's page is neither refused nor not found").toBe(1);
      const shown = (await detail.textContent()) ?? "";
      for (const text of [NOTE.title, "Trip plan", "blue tent", "camping"]) {
        expect(shown).not.toContain(text);
      }
      expect(await detail.getByRole("img").count()).toBe(0);
      expect(await detail.getByRole("link", { name: "Edit" }).count()).toBe(0);
      expect(pageErrors).toEqual([]);
    }, 180_000);
  });
});
