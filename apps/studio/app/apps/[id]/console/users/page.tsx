import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { Link } from "../../../../_components/link.js";
import { Problem } from "../../../../_components/problem.js";
import { Time } from "../../../../_components/time.js";
import { apiFor, settle } from "../../../../_lib/api.js";
import { requireSession } from "../../../../_lib/session.js";
import { ConfirmAction } from "../confirm-action.js";
import { JsonForm } from "../json-form.js";
import { deleteUserAction, setClaimsAction, setUserDisabledAction } from "./actions.js";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Users · Runtime console" };

/**
 * The project's users, a page at a time (`?after=<uid>`): disable or enable, custom claims,
 * delete. Changes need the admin role; the API says so to anyone below it.
 */
export default async function UsersPage({ params, searchParams }: Props) {
  const { id } = await params;
  const after = (await searchParams).after;
  const pageToken = typeof after === "string" && after ? after : undefined;
  const session = await requireSession();
  const page = await settle(
    apiFor(session).console.users.list.query({
      appId: id,
      limit: 20,
      ...(pageToken ? { pageToken } : {}),
    }),
  );
  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading">Users</h2>
      {!page.ok ? (
        <Problem title="The users could not be read." problem={page.problem} />
      ) : page.value.users.length === 0 ? (
        <p className="callout">
          {pageToken ? "No more users." : "Nobody has signed up to this app yet."}
        </p>
      ) : (
        <table className="table console-table">
          <caption className="visually-hidden">The app&apos;s users</caption>
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">State</th>
              <th scope="col">Custom claims</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {page.value.users.map((user) => (
              <tr key={user.uid}>
                <th scope="row" className="console-row-head">
                  {user.email ?? (user.anonymous ? "anonymous" : "no email")}
                  <br />
                  <code className="small">{user.uid}</code>
                  <br />
                  <span className="small muted">
                    since <Time iso={user.createdAt} />
                  </span>
                </th>
                <td>
                  {user.disabled ? (
                    <span className="badge badge-danger">disabled</span>
                  ) : (
                    <span className="badge badge-success">active</span>
                  )}
                </td>
                <td>
                  <JsonForm
                    id={`claims-${user.uid}`}
                    action={setClaimsAction.bind(null, id, user.uid)}
                    json={{
                      label: `Claims of ${user.email ?? user.uid} (JSON)`,
                      defaultValue: JSON.stringify(user.customClaims, null, 2),
                      hint: "request.auth.token.<claim> in rules.",
                    }}
                    submit="Save claims"
                  />
                </td>
                <td>
                  <div className="console-row-actions">
                    <ConfirmAction
                      // A new state is a new control: Enable after Disable, not the old answer.
                      key={`${user.uid}-${user.disabled}`}
                      label={user.disabled ? "Enable" : "Disable"}
                      about={user.uid}
                      question={
                        user.disabled
                          ? `Let ${user.email ?? user.uid} sign in again?`
                          : `Disable ${user.email ?? user.uid}? They are signed out everywhere.`
                      }
                      confirm={user.disabled ? "Enable" : "Disable"}
                      action={setUserDisabledAction.bind(null, id, user.uid, !user.disabled)}
                    />
                    <ConfirmAction
                      label="Delete"
                      about={user.uid}
                      question={`Delete ${user.email ?? user.uid} and their sign-in for good?`}
                      confirm="Delete"
                      danger
                      action={deleteUserAction.bind(null, id, user.uid)}
                    />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.ok && page.value.nextPageToken ? (
        <p>
          <Link
            href={`/apps/${id}/console/users?after=${encodeURIComponent(page.value.nextPageToken)}`}
          >
            Next page
          </Link>
        </p>
      ) : null}
    </section>
  );
}
