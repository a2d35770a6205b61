import type { WinkyClient } from "@winky/api-client";

/** What `console.evaluateRules` answers: the verdict, the rules source and the trace. */
export type RulesEvaluation = Awaited<
  ReturnType<WinkyClient["console"]["evaluateRules"]["mutate"]>
>;
export type TraceStep = RulesEvaluation["trace"][number];

/** The playground form's state: what was typed, the problem (next to its field), the answer. */
export interface PlaygroundState {
  values: Record<string, string>;
  problem: string | null;
  /** The form field the problem is about; null for the form as a whole. */
  field: string | null;
  /** The API's code for a refusal (PRECONDITION_FAILED, BAD_GATEWAY…), when it refused. */
  code: string | null;
  result: RulesEvaluation | null;
}

export const INITIAL_PLAYGROUND_STATE: PlaygroundState = {
  values: {},
  problem: null,
  field: null,
  code: null,
  result: null,
};

/** The form's fields, by the API input field each stands for (`auth.uid` → `uid`). */
export const FIELD_OF_INPUT: Record<string, string> = {
  service: "service",
  method: "method",
  path: "path",
  auth: "auth",
  "auth.uid": "uid",
  "auth.email": "email",
  "auth.claims": "claims",
  resource: "resource",
  requestData: "requestData",
};
