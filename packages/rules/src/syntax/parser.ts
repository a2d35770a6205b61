import {
  ALLOW_METHODS,
  type AllowMethod,
  type AllowStatement,
  type FunctionDeclaration,
  type MatchBlock,
  type MatchSegment,
  type Ruleset,
  type ServiceBlock,
  type ServiceName,
} from "./ast.js";
import { parseExpression } from "./parse-expression.js";
import { TokenStream } from "./token-stream.js";

const SERVICES: readonly ServiceName[] = ["cloud.firestore", "firebase.storage"];

/**
 * Parses a Firestore or Storage rules file into an AST whose nodes all carry line and column.
 *
 * @throws RulesSyntaxError at the first error, naming `file:line:column` with a caret excerpt.
 */
export function parseRules(source: string, file = "rules"): Ruleset {
  const stream = new TokenStream(source, file);
  let version: "1" | "2" = "1";
  if (stream.at("rules_version")) {
    stream.advance();
    stream.expect("=", "after rules_version");
    const value = stream.token;
    if (value.kind !== "string" || (value.value !== "1" && value.value !== "2")) {
      throw stream.unexpected("expected rules_version '1' or '2'");
    }
    version = value.value;
    stream.advance();
    if (!stream.accept(";")) throw stream.missing("expected ';' after the rules_version statement");
  }
  const functions: FunctionDeclaration[] = [];
  let service: ServiceBlock | undefined;
  while (stream.token.kind !== "eof") {
    if (stream.at("function")) functions.push(parseFunction(stream));
    else if (stream.at("service")) {
      if (service) throw stream.unexpected("expected one service per file");
      service = parseService(stream);
    } else if (stream.at("rules_version")) {
      throw stream.unexpected("expected rules_version to be the first statement");
    } else throw stream.unexpected("expected 'service' or 'function'");
  }
  if (!service)
    throw stream.unexpected(
      "expected a 'service cloud.firestore' or 'service firebase.storage' block",
    );
  return { file, version, functions, service };
}

function parseService(stream: TokenStream): ServiceBlock {
  const loc = stream.location();
  stream.advance();
  const nameStart = stream.token;
  let name = stream.identifier("after 'service'").text;
  while (stream.accept(".")) name += `.${stream.identifier("in the service name").text}`;
  if (!SERVICES.includes(name as ServiceName)) {
    throw stream.scanner.error(
      `unknown service '${name}' (expected cloud.firestore or firebase.storage)`,
      nameStart.start,
    );
  }
  stream.expect("{", "to open the service block");
  const functions: FunctionDeclaration[] = [];
  const matches: MatchBlock[] = [];
  while (!stream.accept("}")) {
    if (stream.at("function")) functions.push(parseFunction(stream));
    else if (stream.at("match")) matches.push(parseMatch(stream));
    else throw stream.unexpected("expected 'match', 'function' or '}' in the service block");
  }
  return { name: name as ServiceName, functions, matches, loc };
}

function parseMatch(stream: TokenStream): MatchBlock {
  const loc = stream.location();
  const keyword = stream.advance();
  const { path, end } = parseMatchPath(stream, keyword.end);
  stream.resumeAt(end);
  stream.expect("{", "to open the match block");
  const block: MatchBlock = { path, functions: [], matches: [], allows: [], loc };
  while (!stream.accept("}")) {
    if (stream.at("function")) block.functions.push(parseFunction(stream));
    else if (stream.at("match")) block.matches.push(parseMatch(stream));
    else if (stream.at("allow")) block.allows.push(parseAllow(stream));
    else throw stream.unexpected("expected 'allow', 'match', 'function' or '}' in the match block");
  }
  return block;
}

/** `/literal/{name}/{rest=**}`, read as raw text after the `match` keyword. */
function parseMatchPath(stream: TokenStream, from: number): { path: MatchSegment[]; end: number } {
  const { scanner } = stream;
  const source = scanner.source;
  let i = scanner.skipTrivia(from);
  if (source[i] !== "/") throw scanner.error("expected a match path starting with '/'", i);
  const path: MatchSegment[] = [];
  while (source[i] === "/") {
    i++;
    const loc = scanner.locationOf(i);
    if (source[i] === "{") {
      const close = source.indexOf("}", i);
      const inner = close < 0 ? "" : source.slice(i + 1, close);
      const wildcard = /^([A-Za-z_][A-Za-z0-9_]*)(=\*\*)?$/.exec(inner);
      if (!wildcard) throw scanner.error("expected '{name}' or '{name=**}' in the match path", i);
      path.push({ kind: wildcard[2] ? "recursive" : "wildcard", name: wildcard[1]!, loc });
      i = close + 1;
    } else {
      let end = i;
      while (end < source.length && /[^\s/{}]/.test(source[end]!)) end++;
      if (end === i) throw scanner.error("empty segment in the match path", i);
      path.push({ kind: "literal", text: source.slice(i, end), loc });
      i = end;
    }
  }
  return { path, end: i };
}

function parseAllow(stream: TokenStream): AllowStatement {
  const loc = stream.location();
  stream.advance();
  const methods: AllowStatement["methods"] = [];
  do {
    const token = stream.identifier(
      "after 'allow' (read, write, get, list, create, update or delete)",
    );
    if (!ALLOW_METHODS.includes(token.text as AllowMethod)) {
      throw stream.scanner.error(
        `unknown method '${token.text}' (expected read, write, get, list, create, update or delete)`,
        token.start,
      );
    }
    methods.push({ name: token.text as AllowMethod, loc: stream.location(token) });
  } while (stream.accept(","));
  const statement: AllowStatement = { methods, loc };
  if (stream.accept(":")) {
    stream.expect("if", "after ':' in the allow statement");
    statement.condition = parseExpression(stream);
  }
  endStatement(stream, "the allow statement");
  return statement;
}

function parseFunction(stream: TokenStream): FunctionDeclaration {
  const loc = stream.location();
  stream.advance();
  const name = stream.identifier("after 'function'").text;
  stream.expect("(", "after the function name");
  const params: FunctionDeclaration["params"] = [];
  while (!stream.at(")")) {
    const param = stream.identifier("as a parameter name");
    params.push({ name: param.text, loc: stream.location(param) });
    if (!stream.accept(",")) break;
  }
  stream.expect(")", "to close the parameter list");
  stream.expect("{", "to open the function body");
  const lets: FunctionDeclaration["lets"] = [];
  while (stream.at("let")) {
    const letLoc = stream.location();
    stream.advance();
    const letName = stream.identifier("after 'let'").text;
    stream.expect("=", "after the let name");
    lets.push({ name: letName, value: parseExpression(stream), loc: letLoc });
    if (!stream.accept(";")) throw stream.missing("expected ';' after the let binding");
  }
  stream.expect("return", "(a function body is let bindings then one return)");
  const body = parseExpression(stream);
  endStatement(stream, "the return statement");
  stream.expect("}", "to close the function body");
  return { name, params, lets, body, loc };
}

/**
 * `;` ends a statement. Production also accepts it missing where the next statement or the
 * block's `}` follows (the official rules snippets rely on that).
 */
function endStatement(stream: TokenStream, what: string): void {
  if (stream.accept(";") || stream.at("}")) return;
  if (stream.at("allow") || stream.at("match") || stream.at("function")) return;
  throw stream.missing(`expected ';' after ${what}`);
}
