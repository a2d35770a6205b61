export { RunStateError } from "../runs/run-errors.js";

/** Who asks for a change to a run: a user, an API token, or the platform. */
export interface Actor {
  kind: "user" | "token" | "system";
  /** `users.id` for a user, `api_tokens.id` for a token; absent for the system. */
  id?: string;
  /** How the run log names them: an email, a token's name, `system`. */
  label: string;
  /** The user behind the actor (a personal token's owner), for `approvals.decided_by`. */
  userId?: string;
}

/** What `create` needs; the team is the caller's, checked by the API before this is called. */
export interface CreateRunInput {
  teamId: string;
  prompt: string;
  /** The app's slug; a new app is made when the team has none by that slug. */
  appSlug: string;
  appName: string;
  /** `offline` or `model`; default: the model when one is configured, else offline. */
  engine?: "offline" | "model";
  createdBy?: string;
}

/** The answer to the approval a run waits for. */
export interface ApprovalDecision {
  approved: boolean;
  comment?: string;
}

/** What the API may do to runs. Implemented over the BullMQ queue by `QueuedRunControl`. */
export interface RunControl {
  /**
   * Creates the run (and its app when new) and enqueues it.
   * @throws RunInputError for a prompt or app slug the service refuses (nothing is created).
   */
  create(input: CreateRunInput): Promise<{ runId: string; appId: string }>;
  /**
   * Decides the run's pending approval (the `approvals` row) and enqueues the run to go on.
   * @throws RunStateError `not-waiting` when it waits for no approval.
   */
  decide(runId: string, decision: ApprovalDecision, by: Actor): Promise<void>;
  /**
   * Stops the run: its queued job is removed, a worker moving it aborts (its sandbox
   * destroyed), and it ends `cancelled`.
   * @throws RunStateError `finished` when it has already ended.
   */
  cancel(runId: string, by: Actor): Promise<void>;
  /**
   * Runs a failed or cancelled run again: from the node that stopped when its graph can go on
   * (same run id, `resumed: true`), else as a new run of the same prompt (`retry_of` set).
   * @throws RunStateError `not-finished` for a run still going, `succeeded` for one that worked.
   */
  retry(runId: string, by: Actor): Promise<{ runId: string; resumed: boolean }>;
}
