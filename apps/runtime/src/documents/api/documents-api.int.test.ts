import { describe, expect, it } from "vitest";
import { useDocumentsApi } from "./documents-api.test-bed.js";

// Bad input on every write path, projects kept apart, not-found for a missing document.

describe("documents over HTTP", () => {
  const bed = useDocumentsApi("runtime_documents");
  const { commit, asAdmin, read, count } = bed;

  describe("with bad input", () => {
    const rejected = async (writes: unknown[], message: string | RegExp) => {
      const before = await count("select count(*)::int as n from runtime.documents");
      const res = await commit(writes, asAdmin());
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe("invalid-argument");
      expect(res.json().error.message).toMatch(message);
      expect(await count("select count(*)::int as n from runtime.documents")).toBe(before);
    };

    it("names an invalid path", () =>
      rejected(
        [{ update: { name: "users", fields: {} } }],
        /writes\[0\]\.update\.name: .*even number/,
      ));

    it("names an unsupported value by its field path", () =>
      rejected(
        [
          {
            update: {
              name: "a/b",
              fields: { m: { mapValue: { fields: { x: { fooValue: 1 } } } } },
            },
          },
        ],
        /writes\[0\]\.update\.fields: .*m\.x/,
      ));

    it("refuses an oversize document", () =>
      rejected(
        [{ update: { name: "big/one", fields: { blob: { stringValue: "x".repeat(1_048_600) } } } }],
        /1048576|1,048,576/,
      ));

    it("refuses more than 500 writes", async () => {
      const many = Array.from({ length: 501 }, (_, i) => ({ delete: `d/${i}` }));
      await rejected(many, "at most 500 writes, got 501");
    });

    it("refuses a full name in another project or database, naming both", async () => {
      const other = "projects/other-app/databases/(default)/documents/a/b";
      await rejected(
        [{ update: { name: other, fields: {} } }],
        `writes[0].update.name: "${other}" names project other-app, database (default); ` +
          "this request is for project docs-app, database (default)",
      );
      await rejected(
        [
          { update: { name: "a/b", fields: {} } },
          { delete: "projects/docs-app/databases/x/documents/a/b" },
        ],
        /^writes\[1\]\.delete: .* names project docs-app, database x;/,
      );
    });

    it("refuses U+0000 in a field name or a document id as invalid, not as a fault", async () => {
      await rejected(
        [{ update: { name: "a/b", fields: { "x\u0000y": { nullValue: null } } } }],
        "writes[0].update.fields: invalid field name at `x\u0000y`: the name contains U+0000",
      );
      await rejected(
        [{ update: { name: "a/b\u0000c", fields: {} } }],
        "writes[0].update.name: invalid document path",
      );
      await rejected(
        [
          {
            update: { name: "a/b", fields: {} },
            updateTransforms: [{ fieldPath: "`x\u0000`", increment: { integerValue: "1" } }],
          },
        ],
        "writes[0].updateTransforms[0].fieldPath: invalid field path",
      );
    });

    it("refuses an unknown transform", () =>
      rejected(
        [
          {
            update: { name: "a/b", fields: {} },
            updateTransforms: [{ fieldPath: "n", multiply: 2 }],
          },
        ],
        /give exactly one of setToServerValue/,
      ));
  });

  it("keeps projects apart: one project's key cannot read another's documents", async () => {
    const res = await read("users/ada", { authorization: `Bearer ${bed.otherKey}` });
    expect(res.statusCode).toBe(401);
  });

  it("answers not-found for a missing document the caller may read", async () => {
    const res = await read("users/missing", asAdmin());
    expect(res.json().error).toEqual({
      code: "not-found",
      message: "no document at users/missing",
    });
  });
});
