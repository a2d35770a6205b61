import { isPlannerRefusal, planOffline } from "@winky/planner";
import type pg from "pg";

/**
 * The name of a new app: `requested` as given, else the planner's name for the prompt (`app`
 * for a prompt it refuses: the run records the refusal), made unique (across teams: it names the runtime project) with -2, -3…
 * so a second `winky new` of the same idea is a second app, not a redeploy of the first.
 */
export async function newAppSlug(
  pool: pg.Pool,
  prompt: string,
  requested: string | undefined,
): Promise<string> {
  if (requested) return requested;
  let base = "app";
  try {
    base = planOffline(prompt).plan.appName;
  } catch (e) {
    if (!isPlannerRefusal(e)) throw e;
  }
  const { rows } = await pool.query<{ slug: string }>(
    // Unique across teams: the slug names the runtime project and the repository.
    "select slug from apps where slug = $1 or slug like $1 || '-%'",
    [base],
  );
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const slug = `${base.slice(0, 40 - suffix.length).replace(/-$/, "")}${suffix}`;
    if (!taken.has(slug)) return slug;
  }
}

/**
 * A new app named from `prompt` ({@link newAppSlug}), its row made at once for `teamId`, so two
 * requests naming apps at the same moment get two apps (`notes`, `notes-2`) rather than one
 * run landing in the other's app. Answers the slug; the run then finds its app by it.
 */
export async function reserveNewAppSlug(
  pool: pg.Pool,
  teamId: string,
  prompt: string,
): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = await newAppSlug(pool, prompt, undefined);
    const { rowCount } = await pool.query(
      "insert into apps (team_id, slug, name) values ($1, $2, $2) on conflict do nothing",
      [teamId, slug],
    );
    if (rowCount) return slug;
  }
  throw new Error("no free app name was found after 5 tries: try again");
}
