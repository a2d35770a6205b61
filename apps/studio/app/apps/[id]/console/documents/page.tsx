import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { Link } from "../../../../_components/link.js";
import { Problem } from "../../../../_components/problem.js";
import { apiFor, settle } from "../../../../_lib/api.js";
import { requireSession } from "../../../../_lib/session.js";
import { ConfirmAction } from "../confirm-action.js";
import { JsonForm } from "../json-form.js";
import { deleteDocumentAction, setDocumentAction } from "./actions.js";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Documents · Runtime console" };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.trim() : "");

/**
 * A collection of the project's documents, a page at a time (`?collection=notes&after=…`),
 * each with its data as JSON, a delete (admin+), and a form to set one (member+).
 */
export default async function DocumentsPage({ params, searchParams }: Props) {
  const { id } = await params;
  const query = await searchParams;
  const collection = one(query.collection);
  const after = one(query.after);
  const edit = one(query.edit);
  const session = await requireSession();
  const api = apiFor(session);
  const [page, editing] = await Promise.all([
    collection
      ? settle(
          api.console.documents.list.query({
            appId: id,
            collection,
            limit: 20,
            ...(after ? { pageToken: after } : {}),
          }),
        )
      : null,
    edit ? settle(api.console.documents.get.query({ appId: id, path: edit })) : null,
  ]);
  const base = `/apps/${id}/console/documents`;
  return (
    <section aria-labelledby="documents-heading">
      <h2 id="documents-heading">Documents</h2>
      <form method="get" action={base} className="form">
        <div className="field">
          <label htmlFor="collection">Collection path</label>
          <input
            id="collection"
            name="collection"
            type="text"
            required
            defaultValue={collection}
            placeholder="notes"
          />
        </div>
        <div>
          <button type="submit" className="button">
            Show documents
          </button>
        </div>
      </form>
      {page === null ? (
        <p className="muted">
          Name a collection (notes, or users/alice/posts) to see its documents.
        </p>
      ) : !page.ok ? (
        <Problem title="The documents could not be read." problem={page.problem} />
      ) : page.value.documents.length === 0 ? (
        <p className="callout">
          {after ? "No more documents." : `${collection} has no documents.`}
        </p>
      ) : (
        <table className="table console-table">
          <caption>
            Documents of <code>{collection}</code>
            {after ? <> after {after}</> : null}
          </caption>
          <thead>
            <tr>
              <th scope="col">Path</th>
              <th scope="col">Data</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {page.value.documents.map((doc) => (
              <tr key={doc.path}>
                <th scope="row" className="console-row-head">
                  <code>{doc.path}</code>
                </th>
                <td>
                  <pre className="console-json">{JSON.stringify(doc.data, null, 2)}</pre>
                </td>
                <td>
                  <div className="console-row-actions">
                    <Link
                      className="button button-quiet"
                      href={`${base}?collection=${encodeURIComponent(collection)}&edit=${encodeURIComponent(doc.path)}#set-document`}
                    >
                      Edit<span className="visually-hidden"> {doc.path}</span>
                    </Link>
                    <ConfirmAction
                      label="Delete"
                      about={doc.path}
                      question={`Delete ${doc.path}? Its subcollections stay.`}
                      confirm="Delete"
                      danger
                      action={deleteDocumentAction.bind(null, id, doc.path)}
                    />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page?.ok && page.value.nextPageToken ? (
        <p>
          <Link
            href={`${base}?collection=${encodeURIComponent(collection)}&after=${encodeURIComponent(page.value.nextPageToken)}`}
          >
            Next page
          </Link>
        </p>
      ) : null}
      <h3 id="set-document">{editing?.ok ? `Edit ${editing.value.path}` : "Set a document"}</h3>
      {editing && !editing.ok ? (
        <Problem title="The document to edit could not be read." problem={editing.problem} />
      ) : null}
      <JsonForm
        key={edit}
        id="set-document-form"
        action={setDocumentAction.bind(null, id)}
        path={{
          label: "Document path",
          defaultValue: edit || (collection ? `${collection}/` : ""),
          placeholder: "notes/n1",
        }}
        json={{
          label: "Data (JSON)",
          defaultValue: editing?.ok ? JSON.stringify(editing.value.data, null, 2) : "{}",
          hint: "Replaces the whole document, as an admin: rules do not apply.",
        }}
        submit="Save document"
      />
    </section>
  );
}
