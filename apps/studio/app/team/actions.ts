"use server";

import type { WinkyClient } from "@winky/api-client";
import { revalidatePath } from "next/cache";
import { apiFor } from "../_lib/api.js";
import { readSession } from "../_lib/session.js";
import { refusalOf, signedOut } from "./api-refusal.js";
import type { FormState } from "./form-state.js";
import type { Role } from "./permissions.js";

const SETTINGS_FIELDS = ["name", "regressionCron", "regressionTimeZone", "notifyWebhookUrl"];

/**
 * Saves the settings that differ from the team's current ones (`teams.updateSettings`). The
 * API saves all of them or none, so a refused field leaves the others as they were.
 */
export async function updateTeamSettings(_previous: FormState, form: FormData): Promise<FormState> {
  return withApi(form, SETTINGS_FIELDS, async (api) => {
    const current = await api.teams.get.query();
    const name = text(form, "name");
    const cron = text(form, "regressionCron");
    const timeZone = text(form, "regressionTimeZone");
    const webhook = text(form, "notifyWebhookUrl");
    const changes = {
      ...(name !== current.name ? { name } : {}),
      // A blank schedule is the default one (nightly at 03:00), which the API stores as null.
      ...((cron || null) !== current.regressionCron ? { regressionCron: cron || null } : {}),
      ...(timeZone !== current.regressionTimeZone ? { regressionTimeZone: timeZone } : {}),
      // The URL is shown masked, so the field starts empty: empty keeps it, unless asked to clear.
      ...(webhook
        ? { notifyWebhookUrl: webhook }
        : form.get("clearWebhook") === "on" && current.notifyWebhookUrl
          ? { notifyWebhookUrl: null }
          : {}),
    };
    if (Object.keys(changes).length === 0) return "Nothing to save: no setting was changed.";
    await api.teams.updateSettings.mutate(changes);
    return `Saved: ${Object.keys(changes).map(settingLabel).join(", ")}.`;
  });
}

/** Adds a person by email (`teams.addMember`), creating their user when new. */
export async function addMember(_previous: FormState, form: FormData): Promise<FormState> {
  return withApi(form, ["email", "role", "displayName"], async (api) => {
    const displayName = text(form, "displayName");
    const added = await api.teams.addMember.mutate({
      email: text(form, "email"),
      role: roleOf(form),
      ...(displayName ? { displayName } : {}),
    });
    return `${added.email} joined the team as ${added.role}.`;
  });
}

/** Gives a member another role (`teams.setRole`). */
export async function setMemberRole(
  member: { userId: string; email: string },
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  return withApi(form, ["role"], async (api) => {
    const changed = await api.teams.setRole.mutate({ userId: member.userId, role: roleOf(form) });
    return `${member.email} is now ${changed.role}.`;
  });
}

/** Takes a member out of the team (`teams.removeMember`); their personal tokens stop working. */
export async function removeMember(
  member: { userId: string; email: string },
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  return withApi(form, [], async (api) => {
    await api.teams.removeMember.mutate({ userId: member.userId });
    return `${member.email} was removed from the team.`;
  });
}

/** Calls the API as the signed-in user; a refusal comes back in the API's words, by field. */
async function withApi(
  form: FormData | null,
  fields: readonly string[],
  change: (api: WinkyClient) => Promise<string>,
): Promise<FormState> {
  const session = await readSession();
  if (!session) return signedOut;
  let done: string;
  try {
    done = await change(apiFor(session, form));
  } catch (e) {
    return refusalOf(e, fields, form ?? undefined);
  }
  revalidatePath("/team");
  return { problem: null, fields: {}, done, values: {} };
}

function text(form: FormData, name: string): string {
  return String(form.get(name) ?? "").trim();
}

/** The role picked; anything else goes to the API as sent, for it to name what is wrong. */
function roleOf(form: FormData): Role {
  return text(form, "role") as Role;
}

function settingLabel(key: string): string {
  const labels: Record<string, string> = {
    name: "name",
    regressionCron: "regression schedule",
    regressionTimeZone: "time zone",
    notifyWebhookUrl: "failure webhook",
  };
  return labels[key] ?? key;
}
