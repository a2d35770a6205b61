// The audit trail's hash chain, for tools that verify it away from the runtime (the CLI's
// `winky audit verify`): pure functions, no database.
export {
  entryHash,
  GENESIS,
  verifyChain,
  type AuditEntry,
  type ChainVerdict,
} from "./audit-chain.js";
