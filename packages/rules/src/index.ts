// The Firebase Security Rules language: parse, check, compile, evaluate, explain.

export { parseRules } from "./syntax/parser.js";
export { printRules, printExpression } from "./syntax/printer.js";
export { RulesSyntaxError, isRulesSyntaxError, caretExcerpt } from "./syntax/errors.js";
export type {
  Ruleset,
  ServiceName,
  ServiceBlock,
  MatchBlock,
  MatchSegment,
  AllowStatement,
  AllowMethod,
  FunctionDeclaration,
  Expr,
  SourceLocation,
} from "./syntax/ast.js";

export { checkRules, formatDiagnostic, type Diagnostic } from "./check/index.js";

export { RulesProgram } from "./program.js";
export {
  evaluateAsync,
  type AsyncDocumentReader,
  type AsyncEvaluationInput,
} from "./async-evaluate.js";
export type { EvaluationInput, Verdict } from "./eval/evaluate.js";
export {
  PRODUCTION_LIMITS,
  type AllowAttempt,
  type DocumentReader,
  type EvaluationLimits,
} from "./eval/context.js";
export { ANY_PATH_SEGMENT, type RequestMethod } from "./eval/match-tree.js";

export {
  prepareFirestoreRequest,
  LIST_PLACEHOLDER,
  type FirestoreRequestSpec,
  type PreparedRequest,
} from "./requests/firestore-request.js";
export { prepareStorageRequest, type StorageRequestSpec } from "./requests/storage-request.js";
export type { QuerySpec, QueryOperator } from "./requests/query.js";

export {
  RFloat,
  RMap,
  RSet,
  RPath,
  RTimestamp,
  RDuration,
  RLatLng,
  RMapDiff,
  typeOf,
  type Value,
  type TypeName,
} from "./values/value.js";
export { RulesEvalError, isRulesEvalError } from "./values/errors.js";
export { toValue, fromPlainJson, parseJsonPreservingFloats } from "./values/from-json.js";
export { formatValue } from "./values/format.js";

export { runCaseFolder, type CaseResult } from "./conformance/run-cases.js";
export { findCaseFolders } from "./conformance/find-cases.js";
export { formatCaseFailure } from "./conformance/report.js";
