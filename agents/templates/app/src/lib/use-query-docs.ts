import { getDocs, onSnapshot, type Query, type QueryDocumentSnapshot } from "@winky/sdk";
import { useCallback, useEffect, useState } from "react";
import { describeError } from "./errors";

export type LoadState<T> =
  { status: "loading" } | { status: "ready"; data: T } | { status: "error"; message: string };

/**
 * Runs a query (`null`: not yet, e.g. until the user is known) and converts its documents with
 * `convert`. With `realtime` it listens (onSnapshot) and re-renders on every change; otherwise
 * it reads once, and `reload()` reads again. `key` says when the query changed: a string of its
 * inputs, since Query objects are new on every render.
 */
export function useQueryDocs<T>(
  makeQuery: () => Query | null,
  key: string,
  convert: (doc: QueryDocumentSnapshot) => T,
  realtime = false,
): { state: LoadState<T[]>; reload: () => void } {
  const [state, setState] = useState<LoadState<T[]>>({ status: "loading" });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  useEffect(() => {
    const q = makeQuery();
    if (!q) return;
    setState({ status: "loading" });
    let current = true;
    if (realtime) {
      const stop = onSnapshot(
        q,
        (snap) => setState({ status: "ready", data: snap.docs.map(convert) }),
        (e) => setState({ status: "error", message: describeError(e) }),
      );
      return () => {
        current = false;
        stop();
      };
    }
    getDocs(q).then(
      (snap) => current && setState({ status: "ready", data: snap.docs.map(convert) }),
      (e: unknown) => current && setState({ status: "error", message: describeError(e) }),
    );
    return () => {
      current = false;
    };
    // The query is rebuilt from `key`'s inputs: depending on makeQuery would re-run every render.
  }, [key, realtime, round]);
  return { state, reload };
}
