"use server";

import { revalidatePath } from "next/cache";
import { apiFor } from "../_lib/api.js";
import { readSession } from "../_lib/session.js";
import { refusalOf, signedOut } from "../team/api-refusal.js";
import type { FormState } from "../team/form-state.js";
import type { Role } from "../team/permissions.js";
import type { CreateTokenState } from "./token-state.js";

const CREATE_FIELDS = ["name", "kind", "role", "expiresInDays"];

/**
 * Makes a token (`tokens.create`). The answer holds its secret, handed to this browser once
 * and never stored by the studio: the list shows only its prefix from then on.
 */
export async function createToken(
  _previous: CreateTokenState,
  form: FormData,
): Promise<CreateTokenState> {
  const session = await readSession();
  if (!session) return { ...signedOut, created: null };
  const kind = field(form, "kind") === "team" ? "team" : "personal";
  const role = field(form, "role");
  const days = field(form, "expiresInDays");
  try {
    const created = await apiFor(session, form).tokens.create.mutate({
      name: field(form, "name"),
      kind,
      ...(role ? { role: role as Role } : {}),
      ...(days ? { expiresInDays: Number(days) } : {}),
    });
    revalidatePath("/tokens");
    return {
      problem: null,
      fields: {},
      done: `Token “${created.name}” created.`,
      values: {},
      created: {
        id: created.id,
        name: created.name,
        token: created.token,
        kind: created.kind,
        role: created.role,
        expiresAt: created.expiresAt,
      },
    };
  } catch (e) {
    return { ...refusalOf(e, CREATE_FIELDS, form), created: null };
  }
}

/** Revokes a token at once (`tokens.revoke`); whatever uses it is refused from then on. */
export async function revokeToken(
  token: { id: string; name: string },
  _previous: FormState,
): Promise<FormState> {
  const session = await readSession();
  if (!session) return signedOut;
  try {
    await apiFor(session).tokens.revoke.mutate({ tokenId: token.id });
  } catch (e) {
    return refusalOf(e, []);
  }
  revalidatePath("/tokens");
  return { problem: null, fields: {}, done: `Token “${token.name}” revoked.`, values: {} };
}

function field(form: FormData, name: string): string {
  return String(form.get(name) ?? "").trim();
}
