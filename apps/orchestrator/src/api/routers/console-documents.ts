import { TRPCError } from "@trpc/server";
import type { DocumentPage, ProjectDocument } from "@winky/admin-client";
import { z } from "zod";
import { idInput } from "../pagination.js";
import { procedureFor, router } from "../trpc.js";
import { appProjectOf, auditConsoleChange, onRuntime } from "./console-runtime.js";

const appId = idInput("app");

/** Splits a path into segments, refusing empty, `.`, `..` and control characters. */
function pathOf(kind: "document" | "collection") {
  return z
    .string()
    .trim()
    .min(1, `give a ${kind} path`)
    .max(1024)
    .transform((p) => p.replace(/^\/+|\/+$/g, ""))
    .superRefine((p, ctx) => {
      const segments = p.split("/");
      // eslint-disable-next-line no-control-regex -- refusing control characters is the point
      if (segments.some((s) => s === "" || s === "." || s === ".." || /[\u0000-\u001f]/.test(s))) {
        ctx.addIssue({ code: "custom", message: "segments must not be empty, '.' or '..'" });
      } else if ((segments.length % 2 === 0) !== (kind === "document")) {
        ctx.addIssue({
          code: "custom",
          message:
            kind === "document"
              ? `a document path has an even number of segments (notes/n1); '${p}' has ${segments.length}`
              : `a collection path has an odd number of segments (notes); '${p}' has ${segments.length}`,
        });
      }
    });
}

/** Firestore's own cap on a document, so a write the runtime would refuse is refused here. */
const MAX_DOCUMENT_BYTES = 1_048_576;

const documentData = z
  .record(z.string(), z.unknown())
  .refine((d) => JSON.stringify(d).length <= MAX_DOCUMENT_BYTES, {
    message: "a document holds at most 1 MiB",
  });

/** The project's documents, as plain JSON: list and read (viewer+), set (member+), delete (admin+). */
export const consoleDocumentsRouter = router({
  /** A page of a collection's documents, in path order. */
  list: procedureFor("viewer")
    .input(
      z.object({
        appId,
        collection: pathOf("collection"),
        limit: z.number().int().min(1).max(100).default(20),
        pageToken: z.string().min(1).max(1024).optional(),
      }),
    )
    .query(async ({ ctx, input }): Promise<DocumentPage> => {
      const { runtime, project } = await appProjectOf(ctx, input.appId);
      const page = {
        limit: input.limit,
        ...(input.pageToken ? { pageToken: input.pageToken } : {}),
      };
      return onRuntime(() => runtime.listDocuments(project, input.collection, page));
    }),

  /** One document. @throws NOT_FOUND when there is none at the path. */
  get: procedureFor("viewer")
    .input(z.object({ appId, path: pathOf("document") }))
    .query(async ({ ctx, input }): Promise<ProjectDocument> => {
      const { runtime, project } = await appProjectOf(ctx, input.appId);
      const doc = await onRuntime(() => runtime.getDocument(project, input.path));
      if (!doc) {
        throw new TRPCError({ code: "NOT_FOUND", message: `path: no document '${input.path}'` });
      }
      return doc;
    }),

  /** Creates or replaces a document with `data`, as an admin would: rules do not apply. */
  set: procedureFor("member")
    .input(z.object({ appId, path: pathOf("document"), data: documentData }))
    .mutation(async ({ ctx, input }): Promise<ProjectDocument> => {
      const { runtime, project } = await appProjectOf(ctx, input.appId);
      await onRuntime(() => runtime.setDocument(project, input.path, input.data));
      // The audit row names the fields written, not their values (they may be personal data).
      await auditConsoleChange(ctx, input.appId, "console.document.set", {
        project,
        path: input.path,
        fields: Object.keys(input.data),
      });
      const doc = await onRuntime(() => runtime.getDocument(project, input.path));
      return doc ?? { path: input.path, data: input.data };
    }),

  /** Deletes a document (its subcollections stay, as in Firestore). */
  delete: procedureFor("admin")
    .input(z.object({ appId, path: pathOf("document") }))
    .mutation(async ({ ctx, input }): Promise<{ deleted: string }> => {
      const { runtime, project } = await appProjectOf(ctx, input.appId);
      await onRuntime(() => runtime.deleteDocument(project, input.path));
      await auditConsoleChange(ctx, input.appId, "console.document.deleted", {
        project,
        path: input.path,
      });
      return { deleted: input.path };
    }),
});
