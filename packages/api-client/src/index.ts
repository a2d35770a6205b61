// @winky/api-client: the typed client of the orchestrator's tRPC API, for the studio, the CLI
// and scripts. The orchestrator is only a type here; nothing of it is loaded at run time.

export {
  createWinkyClient,
  type FetchLike,
  type WinkyClient,
  type WinkyClientOptions,
} from "./client.js";
export { isWinkyApiError, type WinkyApiError, type WinkyApiErrorCode } from "./errors.js";
