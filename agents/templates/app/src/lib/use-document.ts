import { getDoc, onSnapshot, type DocumentReference, type DocumentSnapshot } from "@winky/sdk";
import { useEffect, useState } from "react";
import { describeError } from "./errors";
import type { LoadState } from "./use-query-docs";

/**
 * Reads one document (`null` while its reference is not known) and converts it; `data` is null
 * when it does not exist. With `realtime` it follows changes.
 */
export function useDocument<T>(
  makeRef: () => DocumentReference | null,
  key: string,
  convert: (snap: DocumentSnapshot) => T,
  realtime = false,
): LoadState<T | null> {
  const [state, setState] = useState<LoadState<T | null>>({ status: "loading" });
  useEffect(() => {
    const target = makeRef();
    if (!target) return;
    setState({ status: "loading" });
    let current = true;
    const accept = (snap: DocumentSnapshot) =>
      current && setState({ status: "ready", data: snap.exists() ? convert(snap) : null });
    const fail = (e: unknown) =>
      current && setState({ status: "error", message: describeError(e) });
    if (realtime) {
      const stop = onSnapshot(target, accept, fail);
      return () => {
        current = false;
        stop();
      };
    }
    getDoc(target).then(accept, fail);
    return () => {
      current = false;
    };
    // `key` names the document: depending on makeRef would re-run every render.
  }, [key, realtime]);
  return state;
}
