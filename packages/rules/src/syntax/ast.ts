import type { SourceLocation } from "../values/errors.js";

export type { SourceLocation };

/** Every node carries where it starts, so errors and traces can point at it. */
interface Node {
  loc: SourceLocation;
}

export type LiteralValue =
  | { type: "null" }
  | { type: "bool"; value: boolean }
  | { type: "int"; value: number }
  | { type: "float"; value: number }
  | { type: "string"; value: string }
  | { type: "bytes"; value: Uint8Array };

export type BinaryOperator =
  "*" | "/" | "%" | "+" | "-" | "<" | "<=" | ">" | ">=" | "==" | "!=" | "in" | "&&" | "||";

/** A piece of a path literal's segment: raw text, or `$(expr)`. */
export type PathPart = { kind: "text"; text: string } | { kind: "interpolation"; expr: Expr };

/** One `/`-separated segment of a path literal, e.g. `users`, `$(uid)` or `(default)`. */
export interface PathLiteralSegment {
  parts: PathPart[];
}

export type Expr =
  | (Node & { kind: "literal"; value: LiteralValue })
  | (Node & { kind: "identifier"; name: string })
  | (Node & { kind: "list"; items: Expr[] })
  | (Node & { kind: "map"; entries: Array<{ key: Expr; value: Expr }> })
  | (Node & { kind: "path"; segments: PathLiteralSegment[] })
  | (Node & { kind: "member"; object: Expr; property: string })
  | (Node & { kind: "index"; object: Expr; index: Expr })
  | (Node & { kind: "slice"; object: Expr; start: Expr; end: Expr })
  | (Node & { kind: "call"; callee: Expr; args: Expr[] })
  | (Node & { kind: "unary"; operator: "!" | "-"; operand: Expr })
  | (Node & { kind: "binary"; operator: BinaryOperator; left: Expr; right: Expr })
  | (Node & { kind: "is"; operand: Expr; typeName: string })
  | (Node & { kind: "ternary"; test: Expr; consequent: Expr; alternate: Expr });

export type MatchSegment =
  | (Node & { kind: "literal"; text: string })
  | (Node & { kind: "wildcard"; name: string })
  | (Node & { kind: "recursive"; name: string });

export const ALLOW_METHODS = [
  "read",
  "write",
  "get",
  "list",
  "create",
  "update",
  "delete",
] as const;
export type AllowMethod = (typeof ALLOW_METHODS)[number];

export interface AllowStatement extends Node {
  methods: Array<Node & { name: AllowMethod }>;
  /** Absent for `allow read;`, which always grants. */
  condition?: Expr;
}

export interface LetBinding extends Node {
  name: string;
  value: Expr;
}

export interface FunctionDeclaration extends Node {
  name: string;
  params: Array<Node & { name: string }>;
  lets: LetBinding[];
  body: Expr;
}

export interface MatchBlock extends Node {
  path: MatchSegment[];
  functions: FunctionDeclaration[];
  matches: MatchBlock[];
  allows: AllowStatement[];
}

export type ServiceName = "cloud.firestore" | "firebase.storage";

export interface ServiceBlock extends Node {
  name: ServiceName;
  functions: FunctionDeclaration[];
  matches: MatchBlock[];
}

export interface Ruleset {
  file: string;
  /** "1" when the file has no `rules_version` statement. */
  version: "1" | "2";
  functions: FunctionDeclaration[];
  service: ServiceBlock;
}
