import type { IdentityStore, UserIdentity } from "../identities.js";
import type { OidcFlowRecord, OidcFlowStore } from "../oidc/flows.js";
import type { VerifiedIdentity } from "../oidc/id-token.js";
import type { AuthProviderStore, OidcProviderRecord } from "../oidc/provider-config.js";

// Copies in and out, as a database would (see memory-stores.ts).
const copy = <T>(value: T): T => structuredClone(value);
const key = (...parts: string[]) => parts.join("\u0000");

/** {@link AuthProviderStore} in memory; client secrets in the clear. */
export class MemoryAuthProviderStore implements AuthProviderStore {
  private readonly records = new Map<string, OidcProviderRecord>();

  async get(projectId: string, providerId: string): Promise<OidcProviderRecord | null> {
    const record = this.records.get(key(projectId, providerId));
    return record ? copy(record) : null;
  }

  async list(projectId: string): Promise<OidcProviderRecord[]> {
    return [...this.records.values()]
      .filter((r) => r.projectId === projectId)
      .sort((a, b) => (a.providerId < b.providerId ? -1 : a.providerId > b.providerId ? 1 : 0))
      .map(copy);
  }

  async put(record: OidcProviderRecord): Promise<void> {
    this.records.set(key(record.projectId, record.providerId), copy(record));
  }

  async delete(projectId: string, providerId: string): Promise<boolean> {
    return this.records.delete(key(projectId, providerId));
  }
}

/** {@link IdentityStore} in memory, with both uniqueness rules of the Postgres table. */
export class MemoryIdentityStore implements IdentityStore {
  private readonly identities = new Map<string, UserIdentity>();

  async get(projectId: string, providerId: string, subject: string): Promise<UserIdentity | null> {
    const identity = this.identities.get(key(projectId, providerId, subject));
    return identity ? copy(identity) : null;
  }

  async listForUser(projectId: string, uid: string): Promise<UserIdentity[]> {
    return [...this.identities.values()]
      .filter((i) => i.projectId === projectId && i.uid === uid)
      .sort((a, b) => (a.providerId < b.providerId ? -1 : 1))
      .map(copy);
  }

  async create(identity: UserIdentity): Promise<boolean> {
    const { projectId, providerId, subject, uid } = identity;
    if (this.identities.has(key(projectId, providerId, subject))) return false;
    const sameProvider = [...this.identities.values()].some(
      (i) => i.projectId === projectId && i.uid === uid && i.providerId === providerId,
    );
    if (sameProvider) return false;
    this.identities.set(key(projectId, providerId, subject), copy(identity));
    return true;
  }

  async touch(
    projectId: string,
    providerId: string,
    subject: string,
    update: Pick<UserIdentity, "email" | "emailVerified" | "lastSignInAt">,
  ): Promise<void> {
    const identity = this.identities.get(key(projectId, providerId, subject));
    if (identity) Object.assign(identity, copy(update));
  }

  async deleteForUser(projectId: string, uid: string): Promise<void> {
    for (const [k, identity] of this.identities) {
      if (identity.projectId === projectId && identity.uid === uid) this.identities.delete(k);
    }
  }

  /** Every stored identity, for assertions. */
  all(): UserIdentity[] {
    return [...this.identities.values()].map(copy);
  }
}

/** {@link OidcFlowStore} in memory. */
export class MemoryOidcFlowStore implements OidcFlowStore {
  private readonly flows = new Map<string, OidcFlowRecord>();

  async insert(record: OidcFlowRecord): Promise<void> {
    if (this.flows.has(record.stateHash)) throw new Error("duplicate OIDC state hash");
    this.flows.set(record.stateHash, copy(record));
  }

  async claimState(stateHash: string, at: Date): Promise<OidcFlowRecord | null> {
    const flow = this.flows.get(stateHash);
    if (!flow || flow.callbackAt !== null) return null;
    flow.callbackAt = new Date(at);
    return copy(flow);
  }

  async saveResult(
    stateHash: string,
    result: { resultCodeHash: string; resultExpiresAt: Date; identity: VerifiedIdentity },
  ): Promise<void> {
    const flow = this.flows.get(stateHash);
    if (flow) Object.assign(flow, copy(result));
  }

  async claimResult(resultCodeHash: string, at: Date): Promise<OidcFlowRecord | null> {
    for (const flow of this.flows.values()) {
      if (flow.resultCodeHash !== resultCodeHash) continue;
      if (flow.exchangedAt !== null) return null;
      flow.exchangedAt = new Date(at);
      return copy(flow);
    }
    return null;
  }

  /** Every stored flow, for assertions. */
  all(): OidcFlowRecord[] {
    return [...this.flows.values()].map(copy);
  }
}
