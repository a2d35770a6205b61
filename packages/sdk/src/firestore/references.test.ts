import { describe, expect, it } from "vitest";
import { fakeFetch, URL_BASE, PROJECT } from "../../test/fake-fetch.js";
import { thrown } from "../../test/thrown.js";
import { createClient } from "../client.js";

const { db } = createClient({
  url: URL_BASE,
  project: PROJECT,
  fetch: fakeFetch(() => ({})).fetch,
});

describe("document and collection paths", () => {
  it("ignores leading and trailing slashes", () => {
    expect(db.doc("/users/ada/").path).toBe("users/ada");
    expect(db.collection("/users/ada/posts/").path).toBe("users/ada/posts");
  });

  it("refuses a document path with an odd number of segments, and the reverse", () => {
    expect(thrown(() => db.doc("users")).message).toBe(
      'invalid document path "users": a document path has an even number of segments, this one has 1',
    );
    expect(thrown(() => db.collection("users/ada")).message).toBe(
      'invalid collection path "users/ada": a collection path has an odd number of segments, this one has 2',
    );
  });

  it("refuses empty segments", () => {
    expect(thrown(() => db.doc("users//ada")).message).toBe(
      'invalid document path "users//ada": a segment is empty',
    );
  });

  it("refuses . and .. segments, which a URL would resolve to another document", () => {
    const e = thrown(() => db.doc("users/../users/ada"));
    expect(e).toMatchObject({ code: "invalid-argument", status: 0 });
    expect(e.message).toBe('invalid document path "users/../users/ada": a segment is ".."');
    expect(thrown(() => db.collection("users/ada/.")).message).toBe(
      'invalid collection path "users/ada/.": a segment is "."',
    );
    expect(thrown(() => db.collection("users").doc("..")).message).toContain('a segment is ".."');
  });

  it("allows dots inside ids", () => {
    expect(db.doc("files/report.v2..final").id).toBe("report.v2..final");
    expect(db.doc("files/...").id).toBe("...");
  });
});
