import { isPlannerRefusal, planOffline } from "@winky/planner";
import type pg from "pg";

/**
 * The name of a new app: `requested` as given, else the planner's name for the prompt (`app`
 * for a prompt it refuses: the run records the refusal), made unique in the team with -2, -3…
 * so a second `winky new` of the same idea is a second app, not a redeploy of the first.
 */
export async function newAppSlug(
  pool: pg.Pool,
  teamId: string,
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
    "select slug from apps where team_id = $1 and (slug = $2 or slug like $2 || '-%')",
    [teamId, base],
  );
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const slug = `${base.slice(0, 40 - suffix.length).replace(/-$/, "")}${suffix}`;
    if (!taken.has(slug)) return slug;
  }
}
