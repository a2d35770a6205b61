import { ref, uploadBytes } from "@winky/sdk";
import { useEffect, useId, useState } from "react";
import { appConfig } from "../app-config";
import { describeError } from "../lib/errors";
import { fileProblem, uploadPath } from "../lib/uploads";
import { storage } from "../winky";
import { describedBy, FieldFrame } from "./fields";
import { StoredImage } from "./stored-image";

type Status = { kind: "idle" } | { kind: "uploading" } | { kind: "failed"; message: string };

/**
 * Picks a file, previews it at once, uploads it to `users/<uid>/<folder>/…` through the SDK's
 * storage, and reports the stored path. Type and size are checked here first; the storage rules
 * check them again.
 */
export function ImageUpload({
  label,
  value,
  onChange,
  uid,
  folder,
  kind = "image",
  required,
  error,
}: {
  label: string;
  value: string | null;
  onChange: (path: string | null) => void;
  uid: string;
  folder: string;
  kind?: "image" | "file";
  required?: boolean | undefined;
  error?: string | undefined;
}) {
  const id = useId();
  const [preview, setPreview] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const accepted = kind === "image" ? appConfig.uploads.imageTypes : appConfig.uploads.fileTypes;
  const maxMb = appConfig.uploads.maxFileMb;

  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  async function onPick(file: File | undefined) {
    if (!file) return;
    const problem = fileProblem(file, accepted, maxMb);
    if (problem) {
      setStatus({ kind: "failed", message: problem });
      return;
    }
    if (kind === "image") setPreview(URL.createObjectURL(file));
    setStatus({ kind: "uploading" });
    try {
      const path = uploadPath(uid, folder, file.name);
      await uploadBytes(ref(storage, path), file, { contentType: file.type });
      setStatus({ kind: "idle" });
      onChange(path);
    } catch (e) {
      setPreview(null);
      setStatus({ kind: "failed", message: describeError(e) });
    }
  }

  const message = status.kind === "failed" ? status.message : error;
  const hint = `Up to ${maxMb} MB${accepted.length ? ` (${accepted.join(", ")})` : ""}.`;
  return (
    <FieldFrame id={id} label={label} required={required} error={message} hint={hint}>
      {kind === "image" && (preview || value) && (
        <div className="upload-preview">
          {preview ? (
            <img src={preview} alt={`${label} preview`} />
          ) : (
            <StoredImage path={value!} alt={`${label} preview`} />
          )}
        </div>
      )}
      {kind === "file" && value && <p className="muted">{value.split("/").pop()}</p>}
      <input
        id={id}
        type="file"
        accept={accepted.join(",") || undefined}
        disabled={status.kind === "uploading"}
        onChange={(e) => void onPick(e.target.files?.[0])}
        {...describedBy(id, message, hint)}
      />
      {status.kind === "uploading" && <p role="status">Uploading…</p>}
      {value && status.kind !== "uploading" && (
        <button
          type="button"
          className="button small"
          onClick={() => {
            setPreview(null);
            onChange(null);
          }}
        >
          Remove {label.toLowerCase()}
        </button>
      )}
    </FieldFrame>
  );
}
