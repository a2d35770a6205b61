import { beforeAll, describe, expect, it } from "vitest";
import { signedUpClient, winkyFailure } from "../../test/client-harness.js";
import { useTestRuntime } from "../../test/runtime-harness.js";
import { NO_DOCUMENTS, OWNER_ONLY } from "../../test/storage-rules.js";
import {
  list,
  listAll,
  ref,
  uploadString,
  type StorageReference,
  type WinkyClient,
} from "../index.js";

const names = (refs: StorageReference[]) => refs.map((r) => r.name);

describe("listing through the SDK", () => {
  const runtime = useTestRuntime("sdk-storage-list", NO_DOCUMENTS, {
    storage: { rules: OWNER_ONLY },
  });
  let ann: WinkyClient;
  let home: StorageReference;

  beforeAll(async () => {
    ann = await signedUpClient(runtime.current, "ann@example.com");
    home = ref(ann.storage, `users/${ann.auth.currentUser!.uid}`);
    const files = ["notes.txt", "photos/e.jpg", "photos/a.jpg", "photos/c.jpg", "photos/b.jpg"];
    files.push("photos/d.jpg", "photos/2024/y.jpg", "photos/2023/x.jpg", "photos/2023/deep/z.jpg");
    for (const file of files) await uploadString(home.child(file), file);
  });

  it("lists a folder's objects and its subfolders, one level deep, in name order", async () => {
    const photos = await listAll(home.child("photos"));
    expect(names(photos.items)).toEqual(["a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg"]);
    expect(photos.prefixes.map((p) => p.fullPath)).toEqual([
      `${home.fullPath}/photos/2023`,
      `${home.fullPath}/photos/2024`,
    ]);
    const top = await listAll(home);
    expect([names(top.items), names(top.prefixes)]).toEqual([["notes.txt"], ["photos"]]);
    expect(await listAll(home.child("photos/2023/deep"))).toEqual({
      items: [expect.objectContaining({ name: "z.jpg" })],
      prefixes: [],
    });
    expect(await list(home.child("nothing-here"))).toEqual({ items: [], prefixes: [] });
  });

  it("pages with maxResults and pageToken through exactly what listAll returns", async () => {
    const folder = home.child("photos");
    const items: string[] = [];
    const prefixes: string[] = [];
    let pages = 0;
    let pageToken: string | undefined;
    do {
      const page = await list(folder, { maxResults: 2, ...(pageToken ? { pageToken } : {}) });
      expect(page.items.length + page.prefixes.length).toBeLessThanOrEqual(2);
      items.push(...names(page.items));
      prefixes.push(...names(page.prefixes));
      pageToken = page.nextPageToken;
      pages++;
    } while (pageToken);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(items).toEqual(["a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg"]);
    expect(prefixes).toEqual(["2023", "2024"]);
  });

  it("refuses to list another user's folder", async () => {
    const bob = await signedUpClient(runtime.current, "bob@example.com");
    const error = await winkyFailure(listAll(ref(bob.storage, home.fullPath)));
    expect(error).toMatchObject({ code: "permission-denied", status: 403 });
  });
});
