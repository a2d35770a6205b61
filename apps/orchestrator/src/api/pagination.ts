import { z } from "zod";

/** How many rows a list answers: 1 to 100, 50 unless asked. */
export const limitInput = z.number().int().min(1).max(100).default(50);

/** A row id given as a cursor: the list goes on after that row. */
export const cursorInput = z
  .uuid({ error: "must be the nextCursor of a previous page" })
  .optional();

/** An id of a row of `what` (a UUID), with a message that says which id was wrong. */
export function idInput(what: string) {
  return z.uuid({ error: `must be the id of a ${what} (a UUID)` });
}

/** One page of a list, newest first; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The page from rows fetched with `limit + 1`: the extra row only says there is more; the
 * cursor is the last row kept.
 */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (row: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}

/** A timestamp as the API sends it (JSON has no dates): ISO 8601 in UTC, or null. */
export function iso(date: Date): string;
export function iso(date: Date | null): string | null;
export function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
