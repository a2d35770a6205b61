import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { apiFor, settle } from "../_lib/api.js";
import { requireSession } from "../_lib/session.js";
import "../styles/import.css";
import "../styles/records.css";
import "../styles/team.css";
import { FirebaseFolderForm } from "./folder-form.js";

export const metadata: Metadata = { title: "Import from Firebase" };

/**
 * The compatibility report of a Firebase project, before moving it: what maps cleanly, what
 * needs a change and where, what has no equivalent (and the nearest one), and what would
 * stop the import. The import itself runs on the user's machine (`winky import firebase`).
 */
export default async function ImportPage() {
  const session = await requireSession();
  const team = await settle(apiFor(session).teams.get.query());
  const whyNot = !team.ok
    ? "Your role in the team could not be read, so reading a project is off."
    : team.value.callerRole === "viewer"
      ? "Viewers cannot send projects: a member, admin or owner can."
      : null;
  return (
    <>
      <h1>Import from Firebase</h1>
      <p className="muted">
        Choose your Firebase project folder — firebase.json, the rules, indexes, functions source,
        and any Firestore export, auth:export users and storage files beside them. Each rule, index,
        function, trigger, config key, data type and auth provider gets a verdict with its file and
        line. Functions are analysed here, not bundled: their packages are checked when you run the
        import. Nothing is imported from here.
      </p>
      <FirebaseFolderForm whyNot={whyNot} />
    </>
  );
}
