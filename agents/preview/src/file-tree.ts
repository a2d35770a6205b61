/** A directory or a file of the tree the coder will write. */
export interface TreeNode {
  name: string;
  /** Children for a directory (directories first, then files, each sorted); absent for files. */
  children?: TreeNode[];
}

/**
 * The tree of `paths` (`src/models/note.ts`, …): what the preview shows before any code is
 * written. Paths are relative, `/`-separated; duplicates count once.
 */
export function fileTree(paths: readonly string[], rootName = "."): TreeNode {
  const root: TreeNode = { name: rootName, children: [] };
  for (const path of new Set(paths)) {
    const parts = path.split("/").filter(Boolean);
    let dir = root;
    for (const [i, part] of parts.entries()) {
      const isFile = i === parts.length - 1;
      let child = dir.children!.find((c) => c.name === part && !c.children === isFile);
      if (!child) {
        child = isFile ? { name: part } : { name: part, children: [] };
        dir.children!.push(child);
      }
      dir = child;
    }
  }
  sortTree(root);
  return root;
}

function sortTree(node: TreeNode): void {
  if (!node.children) return;
  node.children.sort(
    (a, b) => Number(!a.children) - Number(!b.children) || a.name.localeCompare(b.name),
  );
  node.children.forEach(sortTree);
}

/** The tree as text, one entry per line, like `tree`'s output. */
export function renderTree(node: TreeNode): string {
  const lines = [node.name];
  const walk = (children: TreeNode[], prefix: string) => {
    children.forEach((child, i) => {
      const last = i === children.length - 1;
      lines.push(`${prefix}${last ? "└── " : "├── "}${child.name}${child.children ? "/" : ""}`);
      if (child.children) walk(child.children, `${prefix}${last ? "    " : "│   "}`);
    });
  };
  walk(node.children ?? [], "");
  return lines.join("\n");
}
