import { parseArgs } from "node:util";
import { bootstrapTeam } from "@winky/orchestrator/api";
import { UsageError } from "../cli-flags.js";
import { parseDevOptions, type DevOptions } from "../dev/dev-options.js";
import { ExitCode, type CliIo } from "../io.js";
import { withPlatformDatabase } from "../runs/platform-database.js";

/** The orchestrator's API on this machine, as `winky dev` serves it. */
const API_PATH = "/trpc";

/**
 * `winky teams create <slug> --owner <email> [--name N] [--owner-name N] [--json]` makes a team,
 * its owner and the owner's first API token (shown this once: only its hash is kept), so the
 * orchestrator's API and the studio have someone to answer to. `winky teams list` lists them.
 */
export async function runTeamsCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "create" && sub !== "list") {
    throw new UsageError(`unknown teams command '${sub ?? ""}' (try: create, list)`);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: {
        owner: { type: "string" },
        name: { type: "string" },
        "owner-name": { type: "string" },
        "data-dir": { type: "string" },
        "orchestrator-port": { type: "string" },
        json: { type: "boolean" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals: slugs } = parsed;
  const text = (flag: keyof typeof values) => {
    const value = values[flag];
    return typeof value === "string" ? value : undefined;
  };
  const devArgs = (["data-dir", "orchestrator-port"] as const).flatMap((f) =>
    text(f) ? [`--${f}`, text(f)!] : [],
  );
  const options = parseDevOptions(devArgs, io.env, io.cwd) as DevOptions;
  if (sub === "list") {
    const teams = await withPlatformDatabase(options, async (pool) => {
      const { rows } = await pool.query<{ slug: string; name: string; members: number }>(
        `select t.slug, t.name, count(m.user_id)::int as members from teams t
         left join memberships m on m.team_id = t.id group by t.id order by t.created_at`,
      );
      return rows;
    });
    if (teams.length === 0) io.out("No teams yet: winky teams create <slug> --owner <email>\n");
    for (const t of teams) io.out(`${t.slug}  ${t.name}  ${t.members} member(s)\n`);
    return ExitCode.ok;
  }
  const owner = text("owner");
  if (slugs.length !== 1 || !owner) {
    throw new UsageError("winky teams create takes one SLUG and --owner <email>");
  }
  const slug = slugs[0]!;
  try {
    const team = await withPlatformDatabase(options, (pool) =>
      bootstrapTeam(pool, {
        slug,
        name: text("name") ?? slug,
        ownerEmail: owner,
        ownerName: text("owner-name") ?? owner.split("@")[0]!,
      }),
    );
    const url = `http://127.0.0.1:${options.ports.orchestrator}${API_PATH}`;
    if (values.json === true) {
      io.out(
        `${JSON.stringify({ teamId: team.teamId, userId: team.userId, token: team.token, url })}\n`,
      );
      return ExitCode.ok;
    }
    io.out(
      `Team ${slug} created; ${owner} owns it.\n` +
        `Their API token (shown this once; only its hash is kept):\n\n  ${team.token}\n\n` +
        `Use it as "Authorization: Bearer <token>" on ${url} (winky dev serves it), ` +
        `or with createWinkyClient({ url, token }) from @winky/api-client.\n`,
    );
    return ExitCode.ok;
  } catch (e) {
    const message = (e as Error).message;
    // bootstrapTeam names the field it refused; anything else is not the caller's input.
    if (/^(slug|name|ownerEmail|ownerName): /.test(message)) {
      io.err(`winky: ${message}\n`);
      return message.includes("already exists") ? ExitCode.failure : ExitCode.usage;
    }
    throw e;
  }
}
