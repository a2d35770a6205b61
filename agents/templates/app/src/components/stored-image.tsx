import { getBlob, ref } from "@winky/sdk";
import { useEffect, useState } from "react";
import { describeError } from "../lib/errors";
import { storage } from "../winky";

/**
 * Downloads a stored file with the user's credentials (so the storage rules decide) and keeps
 * an object URL for it while mounted.
 */
function useStoredObjectUrl(path: string | null): { url: string | null; error: string | null } {
  const [state, setState] = useState<{ url: string | null; error: string | null }>({
    url: null,
    error: null,
  });
  useEffect(() => {
    if (!path) return;
    let url: string | null = null;
    let current = true;
    getBlob(ref(storage, path)).then(
      (blob) => {
        if (!current) return;
        url = URL.createObjectURL(blob);
        setState({ url, error: null });
      },
      (e: unknown) => current && setState({ url: null, error: describeError(e) }),
    );
    return () => {
      current = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [path]);
  return path ? state : { url: null, error: null };
}

/** An image kept in storage. */
export function StoredImage({ path, alt }: { path: string; alt: string }) {
  const { url, error } = useStoredObjectUrl(path);
  if (error) return <p className="muted">Image unavailable.</p>;
  if (!url) return <div className="image-placeholder" aria-label={`Loading ${alt}`} />;
  return <img className="stored-image" src={url} alt={alt} />;
}

/** A link that downloads a file kept in storage. */
export function StoredFileLink({ path, label }: { path: string; label: string }) {
  const { url, error } = useStoredObjectUrl(path);
  const name = path.split("/").pop() ?? "file";
  if (error) return <p className="muted">File unavailable.</p>;
  if (!url) return <span className="muted">Preparing {label}…</span>;
  return (
    <a href={url} download={name}>
      Download {label}
    </a>
  );
}
