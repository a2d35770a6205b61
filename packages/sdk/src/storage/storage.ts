import type { HttpClient } from "../http.js";
import { checkPath, joinPath, lastSegment, parentPath } from "./path.js";

/**
 * A project's file storage, as `client.storage`: the runtime's default bucket in Firebase
 * Storage's shapes, decided by the project's `service firebase.storage` rules. Makes
 * references; the operations (`uploadBytes`, `getBytes`, `list`, …) are functions taking them,
 * as in Firebase's modular API. Requests carry the signed-in user's ID token, so the rules see
 * them as `request.auth`.
 *
 * @example
 * ```ts
 * const { auth, storage } = createClient({ url, project });
 * const user = await auth.signIn(email, password);
 * await uploadString(ref(storage, `users/${user.uid}/hello.txt`), "hello", "raw");
 * ```
 */
export class Storage {
  /** @internal Made by {@link createClient}. */
  constructor(
    readonly project: string,
    /** @internal */
    readonly http: HttpClient,
  ) {}

  /**
   * The reference at `path`, or the bucket's root without one.
   * @throws WinkyError invalid-argument for an invalid path, naming it.
   */
  ref(path?: string): StorageReference {
    return new StorageReference(this, path === undefined ? "" : checkPath(path, "ref()"));
  }
}

/**
 * A place in the project's default bucket: an object, or a "folder" (a path prefix) to list.
 * Making one sends nothing; the operations (`uploadBytes`, `getBytes`, `list`, …) are functions
 * taking it, as in Firebase's modular API.
 *
 * @example
 * ```ts
 * const avatar = ref(storage, `users/${uid}/avatar.png`);
 * avatar.name; // "avatar.png"
 * avatar.parent!.fullPath; // `users/${uid}`
 * avatar.root.child("public/logo.svg").fullPath; // "public/logo.svg"
 * ```
 */
export class StorageReference {
  /** @internal Made by {@link ref}, {@link Storage.ref} and {@link StorageReference.child}. */
  constructor(
    /** The project's storage this reference belongs to. */
    readonly storage: Storage,
    /** The path from the bucket's root (`"images/cat.png"`); empty for the root. */
    readonly fullPath: string,
  ) {}

  /** The bucket: Winky has one per project, named after the project. */
  get bucket(): string {
    return this.storage.project;
  }

  /** The last segment of the path (`"cat.png"`); empty for the root. */
  get name(): string {
    return lastSegment(this.fullPath);
  }

  /** The reference one level up; null for the root. */
  get parent(): StorageReference | null {
    const path = parentPath(this.fullPath);
    return path === null ? null : new StorageReference(this.storage, path);
  }

  /** The bucket's root. */
  get root(): StorageReference {
    return new StorageReference(this.storage, "");
  }

  /**
   * The reference at `path` below this one (`"a/b.txt"` goes two levels down).
   * @throws WinkyError invalid-argument for an invalid path, naming it.
   */
  child(path: string): StorageReference {
    const relative = checkPath(path, "child()");
    return new StorageReference(
      this.storage,
      checkPath(joinPath(this.fullPath, relative), "child()"),
    );
  }

  /** `gs://<bucket>/<path>`, as Firebase prints references (for logs; not a URL to fetch). */
  toString(): string {
    return `gs://${this.bucket}/${this.fullPath}`;
  }
}

/**
 * Firebase's `ref()`: a reference in `storage` (the root without a path), or below another
 * reference. Paths are `/`-separated; `..`, empty segments (`a//b`, a trailing `/`) and names
 * over 1024 bytes are refused here, before anything is sent. `gs://` and `https://` URLs are
 * not accepted.
 *
 * @example
 * ```ts
 * const photos = ref(client.storage, "photos");
 * const cat = ref(photos, "cat.png"); // photos/cat.png
 * ```
 * @throws WinkyError invalid-argument for an invalid path, naming it.
 */
export function ref(parent: Storage | StorageReference, path?: string): StorageReference {
  if (parent instanceof StorageReference) return path === undefined ? parent : parent.child(path);
  return parent.ref(path);
}
