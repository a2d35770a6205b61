import type { ActionTokenRecord, ActionTokenStore } from "../action-tokens.js";
import { NOTICE_MAIL_KINDS, type MailMessage, type Outbox } from "../mail.js";
import type { RefreshTokenRecord, RefreshTokenStore } from "../refresh-tokens.js";
import type { SigningKeyRecord, SigningKeyStatus, SigningKeyStore } from "../signing-keys.js";

// Every store hands out copies, as a database would, so a caller mutating a result cannot
// change what is stored and tests cannot pass only because of shared references.
const copy = <T>(value: T): T => structuredClone(value);

/** {@link SigningKeyStore} in memory. */
export class MemorySigningKeyStore implements SigningKeyStore {
  private readonly keys: SigningKeyRecord[] = [];

  async list(projectId: string): Promise<SigningKeyRecord[]> {
    return this.keys
      .filter((k) => k.projectId === projectId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map(copy);
  }

  async add(record: SigningKeyRecord): Promise<void> {
    if (this.keys.some((k) => k.projectId === record.projectId && k.kid === record.kid)) {
      throw new Error(`signing key ${record.kid} already exists`);
    }
    this.keys.push(copy(record));
  }

  async updateStatus(
    projectId: string,
    kid: string,
    status: SigningKeyStatus,
    at: Date,
  ): Promise<void> {
    const key = this.keys.find((k) => k.projectId === projectId && k.kid === kid);
    if (key) Object.assign(key, { status, statusChangedAt: new Date(at) });
  }
}

/** {@link RefreshTokenStore} in memory. */
export class MemoryRefreshTokenStore implements RefreshTokenStore {
  private readonly tokens = new Map<string, RefreshTokenRecord>();

  async insert(record: RefreshTokenRecord): Promise<void> {
    if (this.tokens.has(record.tokenHash)) throw new Error("duplicate refresh token hash");
    this.tokens.set(record.tokenHash, copy(record));
  }

  async findByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    const record = this.tokens.get(tokenHash);
    return record ? copy(record) : null;
  }

  async markUsed(tokenHash: string, at: Date): Promise<boolean> {
    const record = this.tokens.get(tokenHash);
    if (!record || record.usedAt || record.revokedAt) return false;
    record.usedAt = new Date(at);
    return true;
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    this.revokeWhere((r) => r.familyId === familyId, at);
  }

  async revokeAllForUser(projectId: string, uid: string, at: Date): Promise<void> {
    this.revokeWhere((r) => r.projectId === projectId && r.uid === uid, at);
  }

  /** Every stored record, for assertions. */
  all(): RefreshTokenRecord[] {
    return [...this.tokens.values()].map(copy);
  }

  private revokeWhere(match: (r: RefreshTokenRecord) => boolean, at: Date): void {
    for (const record of this.tokens.values()) {
      if (match(record) && !record.revokedAt) record.revokedAt = new Date(at);
    }
  }
}

/** {@link ActionTokenStore} in memory. */
export class MemoryActionTokenStore implements ActionTokenStore {
  private readonly tokens = new Map<string, ActionTokenRecord>();

  async insert(record: ActionTokenRecord): Promise<void> {
    if (this.tokens.has(record.tokenHash)) throw new Error("duplicate action token hash");
    this.tokens.set(record.tokenHash, copy(record));
  }

  async findByHash(tokenHash: string): Promise<ActionTokenRecord | null> {
    const record = this.tokens.get(tokenHash);
    return record ? copy(record) : null;
  }

  async markConsumed(tokenHash: string, at: Date): Promise<boolean> {
    const record = this.tokens.get(tokenHash);
    if (!record || record.consumedAt) return false;
    record.consumedAt = new Date(at);
    return true;
  }

  /** Every stored record, for assertions. */
  all(): ActionTokenRecord[] {
    return [...this.tokens.values()].map(copy);
  }
}

/** An {@link Outbox} that keeps messages in a list: the tests' (and a dev mailbox's) inbox. */
export class MemoryOutbox implements Outbox {
  readonly messages: MailMessage[] = [];

  async enqueue(message: MailMessage): Promise<void> {
    this.messages.push(copy(message));
  }

  /** Messages sent to `to`, oldest first. */
  to(to: string): MailMessage[] {
    return this.messages.filter((m) => m.to === to);
  }

  /** The `oobCode` of the newest link mailed to `to`; throws when there is none. */
  lastToken(to: string): string {
    const withLink = this.to(to).filter((m) => !NOTICE_MAIL_KINDS.has(m.kind));
    const message = withLink.at(-1);
    const token = message ? /[?&]oobCode=([A-Za-z0-9_-]+)/.exec(message.text)?.[1] : undefined;
    if (!token) throw new Error(`no link was mailed to ${to}`);
    return token;
  }
}
