import { Link } from "../../_components/link.js";
import { codeHref, type CodeSelection } from "./artifacts.js";

type Change = "added" | "removed" | "changed";

interface Folder {
  name: string;
  folders: Map<string, Folder>;
  files: Array<{ name: string; path: string; bytes: number }>;
}

/** The paths as folders and files, folders first, each level sorted by name. */
function treeOf(files: ReadonlyArray<{ path: string; bytes: number }>): Folder {
  const root: Folder = { name: "", folders: new Map(), files: [] };
  for (const file of files) {
    const parts = file.path.split("/");
    const name = parts.pop()!;
    let folder = root;
    for (const part of parts) {
      let next = folder.folders.get(part);
      if (!next) {
        next = { name: part, folders: new Map(), files: [] };
        folder.folders.set(part, next);
      }
      folder = next;
    }
    folder.files.push({ name, path: file.path, bytes: file.bytes });
  }
  return root;
}

/**
 * The round's files as a tree of links: choosing one is a navigation (`?file=…`), so the
 * server renders it and the page works without JavaScript. Files the round changed say so.
 */
export function FileTree({
  files,
  changes,
  selection,
}: {
  files: ReadonlyArray<{ path: string; bytes: number }>;
  changes: ReadonlyMap<string, Change>;
  selection: CodeSelection;
}) {
  return (
    <nav aria-label="Files" className="file-tree">
      <FolderList folder={treeOf(files)} changes={changes} selection={selection} />
    </nav>
  );
}

function FolderList({
  folder,
  changes,
  selection,
}: {
  folder: Folder;
  changes: ReadonlyMap<string, Change>;
  selection: CodeSelection;
}) {
  const folders = [...folder.folders.values()].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <ul>
      {folders.map((sub) => (
        <li key={sub.name}>
          <details open>
            <summary>{sub.name}/</summary>
            <FolderList folder={sub} changes={changes} selection={selection} />
          </details>
        </li>
      ))}
      {folder.files.map((file) => {
        const change = changes.get(file.path);
        const current = file.path === selection.file;
        return (
          <li key={file.path}>
            <Link
              href={codeHref({ ...selection, file: file.path })}
              scroll={false}
              aria-current={current ? "true" : undefined}
              title={`${file.path} (${file.bytes} bytes)`}
            >
              {file.name}
            </Link>
            {change ? <span className={`badge badge-change badge-${change}`}>{change}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
