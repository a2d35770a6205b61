import { TRPCError } from "@trpc/server";
import {
  evaluateAsync,
  fromPlainJson,
  isRulesSyntaxError,
  prepareFirestoreRequest,
  prepareStorageRequest,
  RTimestamp,
  RulesProgram,
  type AllowAttempt,
  type AsyncDocumentReader,
  type PreparedRequest,
  type RMap,
  type Verdict,
} from "@winky/rules";
import { z } from "zod";
import { idInput } from "../pagination.js";
import type { AppProject } from "./console-runtime.js";

const json = z.record(z.string(), z.unknown());

/** A path below the service root: segments without empties, dots or control characters. */
const rulesPath = z
  .string()
  .trim()
  .min(1, "give a path, e.g. notes/n1")
  .max(1024)
  .transform((p) => p.replace(/^\/+|\/+$/g, ""))
  .refine(
    (p) => p.length > 0 && p.split("/").every((s) => s.length > 0 && s !== "." && s !== ".."),
    {
      message: "segments must not be empty, '.' or '..'",
    },
  )
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .refine((p) => !/[\u0000-\u001f]/.test(p), { message: "must not contain control characters" });

export const evaluateRulesInput = z
  .object({
    appId: idInput("app"),
    service: z.enum(["firestore", "storage"]),
    method: z.enum(["get", "list", "create", "update", "delete"]),
    path: rulesPath,
    auth: z
      .object({
        uid: z.string().min(1).max(128),
        email: z.string().email().optional(),
        claims: json.optional(),
      })
      .nullable(),
    /** Firestore: the stored document's data; Storage: the stored object's metadata. */
    resource: json.nullable().optional(),
    /** Firestore: the written data (create, update); Storage: the upload's metadata. */
    requestData: json.nullable().optional(),
  })
  .superRefine((input, ctx) => {
    if (input.service !== "firestore") return;
    // A list names a collection (odd segments), everything else a document (even).
    const segments = input.path.split("/").length;
    const wantsCollection = input.method === "list";
    if (wantsCollection === (segments % 2 === 0)) {
      ctx.addIssue({
        code: "custom",
        path: ["path"],
        message: wantsCollection
          ? `list names a collection (an odd number of segments); '${input.path}' has ${segments}`
          : `${input.method} names a document (an even number of segments); '${input.path}' has ${segments}`,
      });
    }
  });

export type EvaluateRulesInput = z.infer<typeof evaluateRulesInput>;

/** One allow that was tried: where it is, how it ended, and what made it fail. */
export interface TraceStep {
  line: number;
  column: number;
  /** The match block's full pattern and the methods the allow names. */
  match: string;
  methods: string[];
  outcome: "allowed" | "false" | "error";
  /** For false: the first false `&&` operand, as written. */
  expression?: string;
  /** For error: the evaluator's message. */
  message?: string;
  /** Where the false operand or the failing sub-expression is, to highlight it. */
  at?: { line: number; column: number; endLine: number; endColumn: number };
}

export interface RulesEvaluation {
  allowed: boolean;
  service: "firestore" | "storage";
  project: string;
  /** The deployed rules; null when none were deployed (which denies every request). */
  source: string | null;
  /** The match blocks that matched the whole path. */
  matched: string[];
  trace: TraceStep[];
  /** How get()/exists() were answered: from the project's documents, or not at all. */
  lookups: "project-documents" | "unavailable";
  notes: string[];
}

/**
 * Decides the request with the project's deployed rules, as the runtime would, in explain
 * mode so every applicable allow is tried and traced. Document lookups (get(), exists())
 * read the project's real documents through the runtime; getAfter() sees the request's own
 * write on top of them.
 *
 * @throws TRPCError PRECONDITION_FAILED when the deployed rules no longer parse.
 */
export async function evaluateRules(
  { runtime, project }: AppProject,
  input: EvaluateRulesInput,
  now = new Date(),
): Promise<RulesEvaluation> {
  const source = await runtime.getRules(project, input.service);
  const base = { service: input.service, project, source, lookups: "unavailable" as const };
  if (source === null) {
    return {
      ...base,
      allowed: false,
      matched: [],
      trace: [],
      notes: [`no ${input.service} rules are deployed to '${project}': every request is denied`],
    };
  }
  let program: RulesProgram;
  try {
    program = RulesProgram.compile(source, `${input.service}.rules`);
  } catch (e) {
    if (!isRulesSyntaxError(e)) throw e;
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `the deployed ${input.service} rules do not parse: ${e.message}`,
    });
  }
  const ms = now.getTime();
  const time = new RTimestamp(Math.floor(ms / 1000), (ms % 1000) * 1e6);
  const auth = input.auth
    ? (fromPlainJson({
        uid: input.auth.uid,
        token: {
          ...input.auth.claims,
          sub: input.auth.uid,
          ...(input.auth.email ? { email: input.auth.email } : {}),
        },
      }) as RMap)
    : null;
  const map = (data: Record<string, unknown> | null | undefined) =>
    data ? (fromPlainJson(data) as RMap) : undefined;
  const resource = map(input.resource);
  const data = map(input.requestData);
  const requests: PreparedRequest[] =
    input.service === "firestore"
      ? prepareFirestoreRequest({
          method: input.method,
          path: input.path,
          auth,
          time,
          ...(resource && input.method !== "list" ? { resource } : {}),
          ...(data ? { data } : {}),
        })
      : [
          prepareStorageRequest({
            method: input.method,
            path: input.path,
            bucket: project,
            auth,
            time,
            ...(data ? { upload: data } : {}),
            ...(resource ? { existing: resource } : {}),
          }),
        ];
  const current: AsyncDocumentReader = {
    get: async (segments) => {
      const doc = await runtime.getDocument(project, segments.join("/"));
      return doc ? fromPlainJson(doc.data) : undefined;
    },
  };
  // After the write: the written document as sent (gone on delete), others as they are.
  const after: AsyncDocumentReader = {
    get: async (segments) => {
      if (input.service !== "firestore" || segments.join("/") !== input.path) {
        return current.get(segments);
      }
      return input.method === "delete" ? undefined : (data ?? current.get(segments));
    },
  };
  const verdicts: Verdict[] = [];
  for (const request of requests) {
    verdicts.push(await evaluateAsync(program, { ...request, current, after, explain: true }));
  }
  const notes: string[] = [];
  if (input.service === "firestore" && input.method === "list") {
    notes.push("list is evaluated as a query without filters: rules are not filters");
  }
  if (verdicts.every((v) => v.attempts.length === 0)) {
    notes.push(`no allow statement applies to ${input.method} ${input.path}: denied by default`);
  }
  return {
    ...base,
    lookups: "project-documents",
    allowed: verdicts.every((v) => v.allowed),
    matched: [...new Set(verdicts.flatMap((v) => v.matched))],
    trace: verdicts.flatMap((v) => v.attempts.map((a) => traceStep(a, source))),
    notes,
  };
}

function traceStep(attempt: AllowAttempt, source: string): TraceStep {
  const step: TraceStep = {
    line: attempt.location.line,
    column: attempt.location.column,
    match: attempt.match,
    methods: attempt.methods,
    outcome: attempt.outcome,
  };
  if (attempt.falseAt) {
    step.expression = attempt.falseAt.expression;
    step.at = spanOf(attempt.falseAt.location, attempt.falseAt.expression);
  }
  if (attempt.error) {
    step.message = attempt.error.message;
    const at = attempt.error.location;
    if (at) step.at = spanOf(at, expressionAt(source, at));
  }
  return step;
}

/** Where `text`, starting at `start`, ends (1-based lines and columns; the end is exclusive). */
function spanOf(start: { line: number; column: number }, text: string) {
  const lines = text.split("\n");
  const endLine = start.line + lines.length - 1;
  const last = lines.at(-1) ?? "";
  const endColumn = lines.length === 1 ? start.column + last.length : last.length + 1;
  return { line: start.line, column: start.column, endLine, endColumn };
}

/** The rest of the line from `at`, up to the end of the statement: an error's context. */
function expressionAt(source: string, at: { line: number; column: number }): string {
  const line = source.split("\n")[at.line - 1] ?? "";
  const rest = line.slice(at.column - 1);
  const end = rest.search(/\s*(;|&&|\|\||$)/);
  return end > 0 ? rest.slice(0, end) : rest;
}
