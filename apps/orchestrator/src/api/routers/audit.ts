import type { ActorKind } from "@winky/db";
import { z } from "zod";
import { iso, limitInput, pageOf, type Page } from "../pagination.js";
import { procedureFor, router } from "../trpc.js";

/** One audit row, with a readable name for its actor (a user's email, a token's name). */
export interface AuditEntryView {
  id: number;
  action: string;
  actor: { kind: ActorKind; id: string | null; label: string };
  targetType: string | null;
  targetId: string | null;
  data: Record<string, unknown>;
  ip: string | null;
  createdAt: string;
}

interface AuditRow {
  id: number | string;
  action: string;
  actor_kind: ActorKind;
  actor_id: string | null;
  actor_label: string | null;
  target_type: string | null;
  target_id: string | null;
  data: Record<string, unknown>;
  ip: string | null;
  created_at: Date;
}

/** The team's audit log, for admins and owners. */
export const auditRouter = router({
  /**
   * Newest first; `action` filters by prefix (`run.` for every run action, `token.revoked`
   * for one). `cursor` is the `nextCursor` of the page before.
   */
  list: procedureFor("admin")
    .input(
      z
        .object({
          action: z.string().trim().min(1).max(100).optional(),
          cursor: z
            .string()
            .regex(/^\d{1,15}$/, "must be the nextCursor of a previous page")
            .optional(),
          limit: limitInput,
        })
        .default({ limit: 50 }),
    )
    .query(async ({ ctx, input }): Promise<Page<AuditEntryView>> => {
      const { rows } = await ctx.services.pool.query<AuditRow>(
        `select l.id, l.action, l.actor_kind, l.actor_id, l.target_type, l.target_id, l.data,
                host(l.ip) as ip, l.created_at,
                case l.actor_kind when 'user' then u.email when 'token' then t.name end as actor_label
           from audit_log l
           left join users u on l.actor_kind = 'user' and u.id = l.actor_id
           left join api_tokens t on l.actor_kind = 'token' and t.id = l.actor_id
          where l.team_id = $1
            and ($2::text is null or starts_with(l.action, $2))
            and ($3::bigint is null or l.id < $3)
          order by l.id desc limit $4`,
        [ctx.caller.teamId, input.action ?? null, input.cursor ?? null, input.limit + 1],
      );
      return pageOf(rows.map(toEntryView), input.limit, (entry) => String(entry.id));
    }),
});

function toEntryView(row: AuditRow): AuditEntryView {
  return {
    id: Number(row.id),
    action: row.action,
    actor: {
      kind: row.actor_kind,
      id: row.actor_id,
      label: row.actor_label ?? (row.actor_kind === "system" ? "system" : "(deleted)"),
    },
    targetType: row.target_type,
    targetId: row.target_id,
    data: row.data,
    ip: row.ip,
    createdAt: iso(row.created_at),
  };
}
