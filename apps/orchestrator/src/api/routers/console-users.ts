import { TRPCError } from "@trpc/server";
import type { ProjectUser, UserPage } from "@winky/admin-client";
import { z } from "zod";
import { idInput } from "../pagination.js";
import { procedureFor, router } from "../trpc.js";
import { appProjectOf, auditConsoleChange, onRuntime } from "./console-runtime.js";

const appId = idInput("app");
const uid = z.string().trim().min(1, "give the user's uid").max(128);

/** Claims Firebase reserves for the token itself: a custom claim may not shadow them. */
const RESERVED_CLAIMS = new Set([
  "acr",
  "amr",
  "at_hash",
  "aud",
  "auth_time",
  "azp",
  "cnf",
  "c_hash",
  "exp",
  "firebase",
  "iat",
  "iss",
  "jti",
  "nbf",
  "nonce",
  "sub",
  "uid",
  "email",
  "email_verified",
]);

const claims = z.record(z.string(), z.unknown()).superRefine((c, ctx) => {
  for (const key of Object.keys(c)) {
    if (RESERVED_CLAIMS.has(key)) {
      ctx.addIssue({ code: "custom", path: [key], message: `'${key}' is reserved for the token` });
    }
  }
  // Firebase's limit: custom claims must fit in 1000 bytes of JSON.
  if (Buffer.byteLength(JSON.stringify(c)) > 1000) {
    ctx.addIssue({ code: "custom", message: "custom claims must fit in 1000 bytes of JSON" });
  }
});

const notFound = (id: string) =>
  new TRPCError({ code: "NOT_FOUND", message: `uid: the project has no user '${id}'` });

/** The project's users: list (viewer+); disable or enable, claims and delete (admin+). */
export const consoleUsersRouter = router({
  list: procedureFor("viewer")
    .input(
      z.object({
        appId,
        limit: z.number().int().min(1).max(100).default(20),
        pageToken: z.string().min(1).max(128).optional(),
      }),
    )
    .query(async ({ ctx, input }): Promise<UserPage> => {
      const { runtime, project } = await appProjectOf(ctx, input.appId);
      const page = {
        limit: input.limit,
        ...(input.pageToken ? { pageToken: input.pageToken } : {}),
      };
      return onRuntime(() => runtime.listUsers(project, page));
    }),

  /** Disabling signs the user out everywhere; enabling lets them sign in again. */
  setDisabled: procedureFor("admin")
    .input(z.object({ appId, uid, disabled: z.boolean() }))
    .mutation(async ({ ctx, input }): Promise<ProjectUser> => {
      const { runtime, project } = await appProjectOf(ctx, input.appId);
      const user = await onRuntime(() =>
        runtime.updateUser(project, input.uid, { disabled: input.disabled }),
      ).catch(mapNotFound(input.uid));
      await auditConsoleChange(
        ctx,
        input.appId,
        input.disabled ? "console.user.disabled" : "console.user.enabled",
        { project, uid: input.uid },
      );
      return user;
    }),

  /** Replaces the user's custom claims: `request.auth.token.<claim>` in rules. */
  setClaims: procedureFor("admin")
    .input(z.object({ appId, uid, claims }))
    .mutation(async ({ ctx, input }): Promise<ProjectUser> => {
      const { runtime, project } = await appProjectOf(ctx, input.appId);
      const user = await onRuntime(() =>
        runtime.updateUser(project, input.uid, { claims: input.claims }),
      ).catch(mapNotFound(input.uid));
      await auditConsoleChange(ctx, input.appId, "console.user.claims_set", {
        project,
        uid: input.uid,
        claims: Object.keys(input.claims),
      });
      return user;
    }),

  delete: procedureFor("admin")
    .input(z.object({ appId, uid }))
    .mutation(async ({ ctx, input }): Promise<{ deleted: string }> => {
      const { runtime, project } = await appProjectOf(ctx, input.appId);
      if (!(await onRuntime(() => runtime.deleteUser(project, input.uid)))) {
        throw notFound(input.uid);
      }
      await auditConsoleChange(ctx, input.appId, "console.user.deleted", {
        project,
        uid: input.uid,
      });
      return { deleted: input.uid };
    }),
});

/** The runtime's 404 for an unknown uid, as NOT_FOUND naming the field. */
function mapNotFound(id: string) {
  return (e: unknown): never => {
    if ((e as { name?: string; status?: number }).name === "AdminApiError") {
      if ((e as { status?: number }).status === 404) throw notFound(id);
    }
    throw e;
  };
}
