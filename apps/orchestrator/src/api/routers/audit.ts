import type { ActorKind } from "@winky/db";
import { z } from "zod";
import { iso, limitInput, pageOf, type Page } from "../pagination.js";
import { procedureFor, router } from "../trpc.js";

/** One audit row, with a readable name for its actor (a user's email, a token's name). */
export interface AuditEntryView {
  id: number;
  action: string;
  actor: {
    kind: ActorKind;
    id: string | null;
    label: string;
    /** For a personal token, the email of the person it belongs to; else null. */
    onBehalfOf: string | null;
  };
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
  on_behalf_of: string | null;
  target_type: string | null;
  target_id: string | null;
  data: Record<string, unknown>;
  ip: string | null;
  created_at: Date;
}

const instant = z.iso.datetime({
  offset: true,
  error: "must be an ISO 8601 date-time, e.g. 2026-01-31T00:00:00Z",
});

const listInput = z
  .object({
    action: z.string().trim().min(1).max(100).optional(),
    /** Part of the actor's name: a user's email, a token's name or its owner's email. */
    actor: z.string().trim().min(1, "must not be blank").max(200).optional(),
    targetType: z.string().trim().min(1, "must not be blank").max(50).optional(),
    targetId: z.string().trim().min(1, "must not be blank").max(100).optional(),
    /** Entries at or after this instant. */
    from: instant.optional(),
    /** Entries before this instant (exclusive, so a day's range is [day, next day)). */
    to: instant.optional(),
    cursor: z
      .string()
      .regex(/^\d{1,15}$/, "must be the nextCursor of a previous page")
      .optional(),
    limit: limitInput,
  })
  .refine((input) => !input.from || !input.to || Date.parse(input.from) < Date.parse(input.to), {
    path: ["to"],
    message: "must be after from",
  })
  .default({ limit: 50 });

/** The team's audit log, for admins and owners. */
export const auditRouter = router({
  /**
   * Newest first; `action` filters by prefix (`run.` for every run action, `token.revoked`
   * for one), `actor` by part of who did it (case-insensitive), `targetType`/`targetId`
   * exactly, `from`/`to` by time. `cursor` is the `nextCursor` of the page before.
   */
  list: procedureFor("admin")
    .input(listInput)
    .query(async ({ ctx, input }): Promise<Page<AuditEntryView>> => {
      const { rows } = await ctx.services.pool.query<AuditRow>(
        `select * from (
           select l.id, l.action, l.actor_kind, l.actor_id, l.target_type, l.target_id, l.data,
                  host(l.ip) as ip, l.created_at,
                  case l.actor_kind when 'user' then u.email when 'token' then t.name end
                    as actor_label,
                  o.email as on_behalf_of
             from audit_log l
             left join users u on l.actor_kind = 'user' and u.id = l.actor_id
             left join api_tokens t on l.actor_kind = 'token' and t.id = l.actor_id
             left join users o on o.id = t.user_id
            where l.team_id = $1
              and ($2::text is null or starts_with(l.action, $2))
              and ($3::bigint is null or l.id < $3)
              and ($5::text is null or l.target_type = $5)
              and ($6::text is null or l.target_id = $6)
              and ($7::timestamptz is null or l.created_at >= $7)
              and ($8::timestamptz is null or l.created_at < $8)
         ) entry
         -- strpos, not like: a % or _ someone types is a character to find, not a wildcard.
         where $9::text is null
            or strpos(lower(coalesce(entry.actor_label, entry.actor_kind::text)), lower($9)) > 0
            or strpos(lower(coalesce(entry.on_behalf_of, '')), lower($9)) > 0
         order by entry.id desc limit $4`,
        [
          ctx.caller.teamId,
          input.action ?? null,
          input.cursor ?? null,
          input.limit + 1,
          input.targetType ?? null,
          input.targetId ?? null,
          input.from ?? null,
          input.to ?? null,
          input.actor ?? null,
        ],
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
      onBehalfOf: row.on_behalf_of,
    },
    targetType: row.target_type,
    targetId: row.target_id,
    data: row.data,
    ip: row.ip,
    createdAt: iso(row.created_at),
  };
}
