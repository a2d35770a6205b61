/** A timestamp in UTC, readable and machine-readable; the same on the server and the client. */
export function Time({ iso }: { iso: string }) {
  const text = iso.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC");
  return <time dateTime={iso}>{text}</time>;
}
