import type pg from "pg";

/** The most document paths one page of {@link DocumentTree.documentPaths} answers. */
export const MAX_TREE_PAGE = 1000;

// Paths sort byte-wise (collation "C"): everything below `p/` lies in [`p/`, `p0`), `0` being
// the character after `/`.
const below = (column: string, from: number) =>
  `(${column} >= $${from}::text || '/' and ${column} < $${from}::text || '0')`;

/**
 * What lies below a document or collection, at every depth: what Firestore's
 * `listCollectionIds` and recursive deletes read. It sees through missing documents (a path
 * with no document but documents below it), as Firestore does. For admins only: rules never
 * allow it (see `DocumentService.tree`).
 */
export class DocumentTree {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * The ids of the collections right below `parent` (a document path, or "" for the root)
   * that hold a document at some depth, in order.
   */
  async collectionIds(projectId: string, parent: string): Promise<string[]> {
    const depth = parent === "" ? 1 : parent.split("/").length + 1;
    const { rows } = await this.pool.query<{ id: string }>(
      `select distinct split_part(collection_path, '/', $2) as id from runtime.documents
        where project_id = $1 ${parent === "" ? "" : `and ${below("collection_path", 3)}`}
        order by id`,
      parent === "" ? [projectId, depth] : [projectId, depth, parent],
    );
    return rows.map((r) => r.id);
  }

  /**
   * A page of the paths of the documents at or below `path` — a document and everything in
   * its subcollections, or a collection's documents and theirs — in path order, after `after`.
   */
  async documentPaths(
    projectId: string,
    path: { document: string } | { collection: string },
    after: string | null,
    limit = MAX_TREE_PAGE,
  ): Promise<string[]> {
    // Everything below lies in one range of the primary key (project, path), in path order.
    const [at, itself] =
      "document" in path ? [path.document, "path = $2 or "] : [path.collection, ""];
    const { rows } = await this.pool.query<{ path: string }>(
      `select path from runtime.documents
        where project_id = $1 and (${itself}${below("path", 2)})
          and ($3::text is null or path > $3)
        order by path limit $4`,
      [projectId, at, after, Math.min(limit, MAX_TREE_PAGE)],
    );
    return rows.map((r) => r.path);
  }
}
