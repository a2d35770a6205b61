import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { Link } from "../../../../_components/link.js";
import { Problem } from "../../../../_components/problem.js";
import { Time } from "../../../../_components/time.js";
import { apiFor, settle } from "../../../../_lib/api.js";
import { requireSession } from "../../../../_lib/session.js";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Storage · Runtime console" };

/** Images the API previews, up to its size cap; a page previews at most this many. */
const PREVIEW_TYPES = /^image\/(png|jpeg|gif|webp|avif)$/;
const PREVIEW_BYTES = 512 * 1024;
const MAX_PREVIEWS = 12;

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The project's bucket a folder at a time (`?prefix=images/`), with image previews. */
export default async function StoragePage({ params, searchParams }: Props) {
  const { id } = await params;
  const query = await searchParams;
  const prefix = one(query.prefix);
  const after = one(query.after);
  const session = await requireSession();
  const api = apiFor(session);
  const page = await settle(
    api.console.storage.list.query({
      appId: id,
      prefix,
      limit: 25,
      ...(after ? { pageToken: after } : {}),
    }),
  );
  const previewable = page.ok
    ? page.value.objects
        .filter((o) => PREVIEW_TYPES.test(o.contentType) && o.size <= PREVIEW_BYTES)
        .slice(0, MAX_PREVIEWS)
    : [];
  const previews = new Map(
    await Promise.all(
      previewable.map(
        async (o) =>
          [
            o.name,
            await settle(api.console.storage.preview.query({ appId: id, name: o.name })),
          ] as const,
      ),
    ),
  );
  const base = `/apps/${id}/console/storage`;
  const folder = (p: string) => (p ? `${base}?prefix=${encodeURIComponent(p)}` : base);
  const parent = prefix.replace(/[^/]+\/$/, "");
  return (
    <section aria-labelledby="storage-heading">
      <h2 id="storage-heading">Storage</h2>
      <p>
        Folder <code>/{prefix}</code>
        {prefix ? (
          <>
            {" "}
            · <Link href={folder(parent)}>Up to /{parent}</Link>
          </>
        ) : null}
      </p>
      {!page.ok ? (
        <Problem title="The files could not be read." problem={page.problem} />
      ) : page.value.objects.length === 0 && page.value.prefixes.length === 0 ? (
        <p className="callout">{prefix ? "This folder is empty." : "No files are stored yet."}</p>
      ) : (
        <>
          {page.value.prefixes.length > 0 ? (
            <ul className="console-list">
              {page.value.prefixes.map((p) => (
                <li key={p}>
                  <Link href={folder(p)}>📁 {p.slice(prefix.length)}</Link>
                </li>
              ))}
            </ul>
          ) : null}
          {page.value.objects.length > 0 ? (
            <table className="table console-table">
              <caption className="visually-hidden">Files in /{prefix}</caption>
              <thead>
                <tr>
                  <th scope="col">Preview</th>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Size</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {page.value.objects.map((o) => {
                  const preview = previews.get(o.name);
                  return (
                    <tr key={o.name}>
                      <td>
                        {/* A data URL from the API: the browser never asks the runtime. */}
                        {preview?.ok ? (
                          <img
                            className="console-preview"
                            src={preview.value.dataUrl}
                            alt={`Preview of ${o.name}`}
                          />
                        ) : preview ? (
                          <span className="small field-error">{preview.problem.message}</span>
                        ) : (
                          <span className="muted small">none</span>
                        )}
                      </td>
                      <th scope="row" className="console-row-head">
                        <code>{o.name.slice(prefix.length)}</code>
                      </th>
                      <td className="small">{o.contentType}</td>
                      <td className="small">{sizeText(o.size)}</td>
                      <td className="small">
                        <Time iso={o.updated} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : null}
          {page.value.nextPageToken ? (
            <p>
              <Link
                href={`${base}?${new URLSearchParams({ prefix, after: page.value.nextPageToken }).toString()}`}
              >
                Next page
              </Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
