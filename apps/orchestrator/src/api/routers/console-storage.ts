import { TRPCError } from "@trpc/server";
import type { ObjectPage } from "@winky/admin-client";
import { z } from "zod";
import { idInput } from "../pagination.js";
import { procedureFor, router } from "../trpc.js";
import { appProjectOf, onRuntime } from "./console-runtime.js";

const appId = idInput("app");

/** Raster images a browser shows in an `<img>`; SVG is left out, as it may carry script. */
const PREVIEWABLE = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"]);
/** Previews travel inline as data URLs: a bigger image is not worth its bytes in a page. */
export const MAX_PREVIEW_BYTES = 512 * 1024;

const objectName = z
  .string()
  .min(1, "give the file's name")
  .max(1024)
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .refine((n) => !/[\u0000-\u001f]/.test(n), { message: "must not contain control characters" });

export interface ObjectPreview {
  name: string;
  contentType: string;
  size: number;
  /** `data:<type>;base64,…`, ready for an `<img src>`. */
  dataUrl: string;
}

/** The project's storage bucket: files by folder, and image previews (viewer+). */
export const consoleStorageRouter = router({
  list: procedureFor("viewer")
    .input(
      z.object({
        appId,
        /** A folder: empty for the top, else ending in `/`. */
        prefix: z
          .string()
          .max(1024)
          .default("")
          .refine((p) => p === "" || p.endsWith("/"), { message: "a folder ends with '/'" }),
        limit: z.number().int().min(1).max(100).default(25),
        pageToken: z.string().min(1).max(4096).optional(),
      }),
    )
    .query(async ({ ctx, input }): Promise<ObjectPage> => {
      const { runtime, project } = await appProjectOf(ctx, input.appId);
      const page = {
        prefix: input.prefix,
        limit: input.limit,
        ...(input.pageToken ? { pageToken: input.pageToken } : {}),
      };
      return onRuntime(() => runtime.listObjects(project, page));
    }),

  /**
   * An image file's content as a data URL, so the browser never needs the runtime's key or a
   * URL into it. @throws NOT_FOUND for no such file, BAD_REQUEST for other types or sizes.
   */
  preview: procedureFor("viewer")
    .input(z.object({ appId, name: objectName }))
    .query(async ({ ctx, input }): Promise<ObjectPreview> => {
      const { runtime, project } = await appProjectOf(ctx, input.appId);
      let object;
      try {
        object = await onRuntime(() => runtime.readObject(project, input.name, MAX_PREVIEW_BYTES));
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        throw new TRPCError({ code: "BAD_REQUEST", message: `name: ${e.message}` });
      }
      if (!object) {
        throw new TRPCError({ code: "NOT_FOUND", message: `name: no file '${input.name}'` });
      }
      if (!PREVIEWABLE.has(object.contentType)) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: `name: '${input.name}' is ${object.contentType}; previews are for PNG, JPEG, GIF, WebP and AVIF images`,
        });
      }
      const base64 = Buffer.from(object.bytes).toString("base64");
      return {
        name: object.name,
        contentType: object.contentType,
        size: object.size,
        dataUrl: `data:${object.contentType};base64,${base64}`,
      };
    }),
});
