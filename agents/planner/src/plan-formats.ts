import { z } from "zod";

/**
 * Formats and checks the plan's schema files share: identifiers, colours, routes, cron
 * expressions, and "no item twice" for lists used as sets.
 */

/** Identifiers the coder turns into collection names, routes and TypeScript names. */
export const identifier = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]{0,39}$/, "must be camelCase letters and digits, starting lower-case");
export const modelName = z
  .string()
  .regex(/^[A-Z][a-zA-Z0-9]{0,39}$/, "must be PascalCase letters and digits, e.g. Note");
export const cssColor = z.string().regex(/^#[0-9a-f]{6}$/, "must be a lower-case #rrggbb colour");

/** An issue at each repeated item's index: a list used as a set must not say a thing twice. */
export function uniqueItems(what: string) {
  return (items: readonly string[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item))
        ctx.addIssue({ code: "custom", path: [i], message: `repeats the ${what} "${item}"` });
      seen.add(item);
    });
  };
}

/**
 * One literal segment or parameter per part: "/", "/notes", "/rooms/:roomId/messages". Rejects
 * "//", a trailing slash and a bare ":", which a router accepts but which mean nothing.
 */
export const ROUTE = /^\/$|^(\/([a-z0-9][a-z0-9_-]*|:[a-zA-Z][a-zA-Z0-9]*))+$/;

/** Five cron fields (minute hour day-of-month month day-of-week), as the scheduler reads them. */
export const CRON = /^[0-9*/,-]+( [0-9*/,-]+){4}$/;
