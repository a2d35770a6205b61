// Which requests come from this machine: the dev mailbox serves only those.

/** The request header the server sets to `loopback` or `remote` from the socket's peer. */
export const PEER_HEADER = "x-winky-studio-peer";

/** Whether a socket's remote address is this machine. */
export function isLoopbackAddress(address: string | undefined): boolean {
  return (
    address === "::1" ||
    address?.startsWith("127.") === true ||
    address?.startsWith("::ffff:127.") === true
  );
}
