/**
 * Sentinels an app puts in write data to have the runtime compute a field (server timestamp,
 * increment, array union/removal) or to delete one. Writes turn them into `updateTransforms`
 * and update-mask entries; anywhere else they are refused.
 */

/**
 * What a {@link FieldValue} asks for.
 * @example `increment(1).kind === "increment"`
 */
export type FieldValueKind =
  "serverTimestamp" | "increment" | "arrayUnion" | "arrayRemove" | "delete";

/**
 * A sentinel made by {@link serverTimestamp}, {@link increment}, {@link arrayUnion},
 * {@link arrayRemove} or {@link deleteField}. Apps never construct it themselves.
 * @example `await updateDoc(ref, { updatedAt: serverTimestamp() as FieldValue });`
 */
export class FieldValue {
  /** @internal Use the factory functions. */
  constructor(
    readonly kind: FieldValueKind,
    /** The function that made it, for messages. */
    readonly method: string,
    /** increment's operand. */
    readonly operand?: number | bigint,
    /** arrayUnion's and arrayRemove's elements. */
    readonly elements?: readonly unknown[],
  ) {}
}

/**
 * The commit time of the write, assigned by the runtime (`REQUEST_TIME`).
 *
 * @example
 * ```ts
 * await updateDoc(ref, { lastSeen: serverTimestamp() });
 * ```
 */
export function serverTimestamp(): FieldValue {
  return new FieldValue("serverTimestamp", "serverTimestamp()");
}

/**
 * Adds `n` to the field's number (a missing or non-numeric field counts as 0). Integers stay
 * integers while every term is one; a bigint adds as a 64-bit integer.
 *
 * @example
 * ```ts
 * await updateDoc(db.doc("posts/p1"), { likes: increment(1) });
 * ```
 */
export function increment(n: number | bigint): FieldValue {
  return new FieldValue("increment", "increment()", n);
}

/**
 * Appends each element the field's array does not already hold (a missing or non-array field
 * becomes these elements).
 *
 * @example
 * ```ts
 * await updateDoc(ref, { tags: arrayUnion("new", "hot") });
 * ```
 */
export function arrayUnion(...elements: unknown[]): FieldValue {
  return new FieldValue("arrayUnion", "arrayUnion()", undefined, elements);
}

/**
 * Removes every occurrence of each element from the field's array.
 *
 * @example
 * ```ts
 * await updateDoc(ref, { tags: arrayRemove("old") });
 * ```
 */
export function arrayRemove(...elements: unknown[]): FieldValue {
  return new FieldValue("arrayRemove", "arrayRemove()", undefined, elements);
}

/**
 * Deletes the field. Only in {@link updateDoc} data and {@link setDoc} with `merge` or
 * `mergeFields`.
 *
 * @example
 * ```ts
 * await updateDoc(ref, { nickname: deleteField() });
 * ```
 */
export function deleteField(): FieldValue {
  return new FieldValue("delete", "deleteField()");
}
