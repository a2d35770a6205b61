import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { badInput } from "../api-errors.js";
import { procedureFor, router } from "../trpc.js";
import {
  reportOfUploadedFolder,
  ReportsBusy,
  type FirebaseReportView,
} from "../../imports/firebase-report.js";
import { UploadProblem } from "../../imports/uploaded-folder.js";

export type { FirebaseReportView };

/** Moving projects in from elsewhere. */
export const importsRouter = router({
  /**
   * The compatibility report of a Firebase project folder sent file by file (what
   * `winky import firebase <dir> --report-only` prints): each rule, index, function, trigger,
   * config key, data type and auth provider with its verdict, the score, what would block the
   * import, and the commands to run next. Nothing is imported; the folder is not kept.
   */
  firebaseReport: procedureFor("member")
    .input(
      z.object({
        folder: z
          .string()
          .trim()
          .min(1, "must not be blank")
          .max(200)
          // A folder's own name: what the report's paths and commands start with.
          .refine(
            (name) => ![...name].some((c) => c === "/" || c === "\\" || c < " " || c === "\x7f"),
            "a folder name, without / \\ or control characters",
          ),
        project: z
          .string()
          .regex(/^[a-z][a-z0-9-]{2,62}$/, "a project id: 3–63 of a–z, 0–9 and -, a letter first")
          .optional(),
        // Counted, sized and checked path by path in checkUpload, which names the file.
        files: z.array(z.object({ path: z.string(), base64: z.string() })),
      }),
    )
    .mutation(async ({ input }): Promise<FirebaseReportView> => {
      try {
        return await reportOfUploadedFolder(input.folder, input.files, input.project);
      } catch (e) {
        if (e instanceof UploadProblem) throw badInput(e.field, e.message);
        if (e instanceof ReportsBusy) {
          throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: e.message });
        }
        throw e;
      }
    }),
});
