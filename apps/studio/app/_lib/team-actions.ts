"use server";

import { redirect } from "next/navigation";
import { refused, textOf, type FormState } from "../../src/form-state.js";
import { apiFor, toApiProblem } from "./api.js";
import { readSession } from "./session.js";
import { writeSession } from "./session-write.js";

/** Makes a team owned by the signed-in person, then works in it. */
export async function createTeam(_state: FormState, form: FormData): Promise<FormState> {
  const session = await readSession();
  if (session?.kind !== "platform") {
    return refused(null, "sign in with your email and password to create a team");
  }
  const slug = textOf(form, "slug");
  const name = textOf(form, "name");
  try {
    await apiFor(session).account.createTeam.mutate({ slug, name });
  } catch (e) {
    const { message } = toApiProblem(e);
    // The API names the field first ("slug: …"); the message goes next to it.
    const field = /^(slug|name):/.exec(message)?.[1] ?? null;
    return refused(field, field ? message.slice(field.length + 1).trim() : message, { slug, name });
  }
  await writeSession({ ...session, team: slug });
  redirect("/new");
}

/** Works in another of the person's teams (one they belong to, as the API says). */
export async function switchTeam(form: FormData): Promise<void> {
  const session = await readSession();
  if (session?.kind !== "platform") redirect("/");
  const slug = textOf(form, "team");
  const me = await apiFor(session).account.me.query();
  if (me.teams.some((team) => team.slug === slug)) {
    await writeSession({ ...session, team: slug });
  }
  redirect("/");
}
