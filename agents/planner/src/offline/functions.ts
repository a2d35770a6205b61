import type { Feature, Model, PlannedFunction } from "../plan-schema.js";
import type { Hit } from "./features.js";
import { phraseOf, plural } from "./words.js";

/**
 * Server functions. Notifications → a document trigger on what they are about (a new message,
 * comment or order); checkout → a callable `checkout`; "daily digest", "every Monday", "remind
 * me" → a cron schedule; a welcome email → an auth trigger; roles → a callable to grant them.
 */
export interface Notice {
  model: string | undefined;
  on: "create" | "update" | "due";
}

export interface FunctionInputs {
  lower: string;
  models: readonly Model[];
  features: readonly Hit<Feature>[];
  roles: readonly string[];
  /** Each notification the prompt asks for: about which model (when its clause names one), on a change or a new document, or a reminder before something is due. */
  notices: readonly Notice[];
}

/** What people create for others to hear about, most newsworthy first. */
const NEWSWORTHY = [
  "Message",
  "Comment",
  "Reply",
  "Answer",
  "Order",
  "Booking",
  "Appointment",
  "Reservation",
  "Rsvp",
  "Application",
  "Donation",
  "Review",
  "Submission",
  "Viewing",
  "Ticket",
  "Vote",
];
/** What a schedule does: a named product first ("digest"), else a verb ("send"). */
const PRODUCT =
  /\b(digest|summary|summaries|report|reports|recap|reminders?|remind|newsletter|backup|back up|clean ?up|archive|reset)\b/;
const VERB =
  /\b(e-?mails?|notify|notifications?|send|sends|generate|mark|marks|check|checks|expire|expires|close|closes|recalculate|sync|delete|deletes)\b(?!-)/;
const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

export function planFunctions(inp: FunctionInputs, assumptions: string[]): PlannedFunction[] {
  const out: PlannedFunction[] = [];
  const push = (f: PlannedFunction) => out.some((g) => g.name === f.name) || out.push(f);
  const has = (k: Feature) => inp.features.some((f) => f.key === k);

  const channel = /\be-?mail|\bemail me\b|\bget emailed\b/.test(inp.lower)
    ? "an email"
    : "a push notification";
  for (const n of inp.notices) {
    if (n.on === "due") {
      push({
        name: "sendReminders",
        purpose: `Sends ${channel} about what is due or overdue (cron "0 8 * * *", UTC).`,
        trigger: { kind: "schedule", schedule: "0 8 * * *" },
      });
      continue;
    }
    const model = n.model ?? newsworthy(inp.models);
    const updated = n.on === "update";
    push({
      name: `notify${updated ? "Updated" : "New"}${model}`,
      purpose: `Sends ${channel} when ${updated ? `a ${phraseOf(model)} changes` : `a new ${phraseOf(model)} is created`}.`,
      trigger: { kind: "document", event: updated ? "update" : "create", model },
    });
  }
  if (has("payments"))
    push({ name: "checkout", purpose: checkoutPurpose(inp.models), trigger: { kind: "callable" } });
  for (const s of schedules(inp.lower, assumptions)) push(s);
  if (/\bwelcome (e-?mail|message)\b/.test(inp.lower))
    push({
      name: "sendWelcomeEmail",
      purpose: "Sends a welcome email when someone creates an account.",
      trigger: { kind: "auth", event: "create" },
    });
  if (inp.roles.length > 0)
    push({
      name: "setUserRole",
      purpose: `Lets an admin grant or remove a role (${inp.roles.join(", ")}) as a custom claim.`,
      trigger: { kind: "callable" },
    });
  return out.slice(0, 20);
}

function newsworthy(models: readonly Model[]): string {
  const names = new Set(models.map((m) => m.name));
  return (
    NEWSWORTHY.find((n) => names.has(n)) ?? models.find((m) => m.parent)?.name ?? models[0]!.name
  );
}

function checkoutPurpose(models: readonly Model[]): string {
  const names = new Set(models.map((m) => m.name));
  if (names.has("CartItem"))
    return "Turns the signed-in user's cart into an order and takes payment (a test-mode stub until a provider is configured).";
  if (names.has("Donation"))
    return "Takes a donation payment (a test-mode stub) and records the donation.";
  const what = models.find((m) => !m.parent)?.name ?? "Order";
  return `Takes payment for ${plural(phraseOf(what))} (a test-mode stub) and records an order.`;
}

/** Each clause that names a period and an action ("daily digest", "remind me every Monday"). */
function schedules(lower: string, assumptions: string[]): PlannedFunction[] {
  const out: PlannedFunction[] = [];
  for (const clause of lower.split(/[.;!?\n]|,\s*(?:and\s+)?/)) {
    if (
      /\bnotif|\balerts?\b/.test(clause) &&
      !/\b(digest|summary|report|daily|weekly|every)\b/.test(clause)
    )
      continue;
    const period = periodOf(clause);
    const action = (PRODUCT.exec(clause) ?? VERB.exec(clause))?.[1];
    if (!action || (!period && !/^remind/.test(action))) continue;
    if (!period && !/remind/.test(clause)) continue;
    const p = period ?? { word: "Daily", cron: "0 8 * * *" };
    if (!period) assumptions.push("Reminders go out once a day at 08:00 UTC.");
    const noun = nounOf(action, lower);
    const verb = /^(Backup|Cleanup|Archive|Reset|Update)$/.test(noun) ? "run" : "send";
    const name = noun === "Reminders" ? "sendReminders" : `${verb}${p.word}${noun}`;
    out.push({
      name,
      purpose: `${verb === "run" ? "Runs" : "Sends"} the ${p.word.toLowerCase()} ${noun.toLowerCase()} (cron "${p.cron}", UTC).`,
      trigger: { kind: "schedule", schedule: p.cron },
    });
  }
  return out;
}

function periodOf(clause: string): { word: string; cron: string } | undefined {
  const at = /\bat (\d{1,2})(?::(\d{2}))? ?(am|pm)?\b/.exec(clause);
  const time = (h: number, m = 0) => {
    if (!at) return `${m} ${h}`;
    let hour = Number(at[1]) % 24;
    if (at[3] === "pm" && hour < 12) hour += 12;
    if (at[3] === "am" && hour === 12) hour = 0;
    return `${Number(at[2] ?? 0)} ${hour}`;
  };
  const day = DAYS.findIndex((d) => new RegExp(`\\bevery ${d}s?\\b|\\bon ${d}s\\b`).test(clause));
  if (day >= 0) return { word: "Weekly", cron: `${time(9)} * * ${day}` };
  if (/\b(hourly|every hour)\b/.test(clause)) return { word: "Hourly", cron: "0 * * * *" };
  if (/\b(nightly|every night|each night|at midnight)\b/.test(clause))
    return { word: "Nightly", cron: `${time(2)} * * *` };
  if (/\b(every evening|each evening)\b/.test(clause))
    return { word: "Daily", cron: `${time(18)} * * *` };
  if (/\b(daily|every day|each day|every morning|each morning)\b/.test(clause))
    return { word: "Daily", cron: `${time(8)} * * *` };
  if (/\b(weekly|every week|each week)\b/.test(clause))
    return { word: "Weekly", cron: `${time(9)} * * 1` };
  if (/\b(monthly|every month|each month)\b/.test(clause))
    return { word: "Monthly", cron: `${time(9)} 1 * *` };
  return undefined;
}

function nounOf(action: string, lower: string): string {
  if (/^remind/.test(action)) return "Reminders";
  if (/^(e-?mails?|send|sends|notify|notifications?)$/.test(action))
    return /\bnewsletter/.test(lower) ? "Newsletter" : "Digest";
  if (/^(mark|check|expire|close|recalculate|sync|delete)/.test(action)) return "Update";
  if (/^back ?up/.test(action)) return "Backup";
  if (/^clean ?up/.test(action)) return "Cleanup";
  if (/^summar/.test(action)) return "Summary";
  if (/^reports?$/.test(action)) return "Report";
  if (action === "generate") return "Report";
  return action[0]!.toUpperCase() + action.slice(1);
}
