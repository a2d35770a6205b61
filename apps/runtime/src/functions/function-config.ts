import { z } from "zod";

/** What starts a function: a client's call, or a change to documents matching `path`. */
export const FunctionTrigger = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("callable") }).strict(),
  z
    .object({
      kind: z.literal("document"),
      event: z.enum(["create", "update", "delete", "write"]),
      path: z
        .string()
        .regex(
          /^([\w-]+|\{\w+\})(\/([\w-]+|\{\w+\}))*$/,
          "must be a document path of names and {wildcards}, e.g. users/{uid}/posts/{postId}",
        )
        .refine(
          (p) => p.split("/").length % 2 === 0,
          "must name a document (an even segment count)",
        ),
    })
    .strict(),
]);
export type FunctionTrigger = z.infer<typeof FunctionTrigger>;

/** The body of `PUT …/admin/functions/:name`. */
export const DeployFunction = z
  .object({
    source: z
      .string()
      .min(1)
      .max(5 * 1024 * 1024),
    memoryMb: z.number().int().min(64).max(2048).default(256),
    timeoutMs: z.number().int().min(100).max(540_000).default(60_000),
    secrets: z
      .array(z.string().regex(/^[A-Z_][A-Z0-9_]{0,254}$/, "must be a secret name"))
      .default([]),
    trigger: FunctionTrigger,
  })
  .strict();

export interface FunctionConfig {
  memoryMb: number;
  timeoutMs: number;
  secrets: string[];
}

/** Function names: what a URL segment and a sandbox id can carry. */
export const FUNCTION_NAME = /^[a-zA-Z][\w-]{0,62}$/;

const KINDS: Record<string, ReadonlyArray<string>> = {
  "document.created": ["create", "write"],
  "document.updated": ["update", "write"],
  "document.deleted": ["delete", "write"],
};

/**
 * Whether a document event of `kind` on `path` starts a trigger; its wildcards' values
 * (`{ id: "o1" }` for `orders/{id}` and `orders/o1`) when it does, else null.
 */
export function matchTrigger(
  trigger: FunctionTrigger,
  kind: string,
  path: string,
): Record<string, string> | null {
  if (trigger.kind !== "document" || !KINDS[kind]?.includes(trigger.event)) return null;
  const pattern = trigger.path.split("/");
  const segments = path.split("/");
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [i, p] of pattern.entries()) {
    const s = segments[i]!;
    const wildcard = /^\{(\w+)\}$/.exec(p);
    if (wildcard) params[wildcard[1]!] = s;
    else if (p !== s) return null;
  }
  return params;
}
