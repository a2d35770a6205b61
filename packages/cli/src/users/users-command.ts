import { parseArgs } from "node:util";
import { adminKeyFor } from "../admin-key.js";
import { UsageError } from "../cli-flags.js";
import { ExitCode, type CliIo } from "../io.js";
import { CommandFailure, RuntimeUsers } from "./runtime-users.js";

/** A role name as generated rules compare them (`hasRole(["admin"])`). */
const ROLE = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** What `winky users roles` was asked to do. */
interface RolesOptions {
  email: string;
  project: string;
  url: string;
  keyFile: string | undefined;
  grant: string[];
  revoke: string[];
}

/**
 * `winky users roles <email> [--grant role]... [--revoke role]... --project <id>`: shows or
 * changes a user's roles, the `roles` custom claim generated apps' rules read, through the
 * runtime's admin API; it keeps the user's other claims. Generated apps grant roles with their
 * `setUserRole` function, which only an admin may call: this is how their first admin is made.
 */
export async function runUsersCommand(
  args: readonly string[],
  io: CliIo,
): Promise<number | "help"> {
  const [sub, ...rest] = args;
  if (sub !== "roles") throw new UsageError(`unknown users command '${sub ?? ""}' (try: roles)`);
  const options = parseRolesOptions(rest, io.env);
  if (options === "help") return "help";
  try {
    const key = await adminKeyFor(options.keyFile, options.project, io);
    const users = new RuntimeUsers(options.url, options.project, key);
    const user = await users.findByEmail(options.email);
    if (!user) {
      throw new CommandFailure(`no user with the email ${options.email} in ${options.project}`);
    }
    const before = rolesOf(user.customClaims);
    const after = [
      ...new Set([...before, ...options.grant].filter((r) => !options.revoke.includes(r))),
    ];
    const changed = after.length !== before.length || after.some((r, i) => r !== before[i]);
    const updated = changed
      ? await users.setClaims(user.uid, { ...user.customClaims, roles: after })
      : user;
    const roles = rolesOf(updated.customClaims);
    io.out(
      `${updated.email ?? options.email} (${updated.uid}) in ${options.project}: ` +
        `${roles.length > 0 ? `roles ${roles.join(", ")}` : "no roles"}\n`,
    );
    // As in Firebase, an issued ID token keeps its claims until it is refreshed.
    if (changed) io.out("their ID token carries the change from its next refresh\n");
    return ExitCode.ok;
  } catch (e) {
    if (!(e instanceof CommandFailure)) throw e;
    io.err(`winky: ${e.message}\n`);
    return ExitCode.failure;
  }
}

function parseRolesOptions(
  args: readonly string[],
  env: Record<string, string | undefined>,
): RolesOptions | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: true,
      options: {
        help: { type: "boolean", short: "h" },
        project: { type: "string" },
        url: { type: "string" },
        "key-file": { type: "string" },
        grant: { type: "string", multiple: true },
        revoke: { type: "string", multiple: true },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (positionals.length !== 1 || !positionals[0]!.includes("@")) {
    throw new UsageError("users roles takes one email: winky users roles <email> --project <id>");
  }
  // No default project: changing roles in the wrong project would be a quiet mistake.
  if (!values.project) throw new UsageError("users roles needs --project <id>");
  const grant = values.grant ?? [];
  const revoke = values.revoke ?? [];
  for (const role of [...grant, ...revoke]) {
    if (!ROLE.test(role)) {
      throw new UsageError(
        `'${role}' is not a role name (a letter, then letters, digits, - or _; 64 at most)`,
      );
    }
  }
  const both = grant.filter((r) => revoke.includes(r));
  if (both.length > 0) throw new UsageError(`--grant and --revoke both name '${both[0]}'`);
  const url = values.url ?? env.WINKY_RUNTIME_URL ?? "http://127.0.0.1:4000";
  return {
    email: positionals[0]!,
    project: values.project,
    url: url.replace(/\/+$/, ""),
    keyFile: values["key-file"],
    grant,
    revoke,
  };
}

/** The string roles in a user's claims; anything else under `roles` is not a role and goes. */
function rolesOf(claims: Record<string, unknown>): string[] {
  const roles = claims.roles;
  return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === "string") : [];
}
