import { emailKey } from "../email.js";
import type { AuthUser, UserPatch, UserStore } from "../users.js";

const copy = <T>(value: T): T => structuredClone(value);

/**
 * {@link UserStore} in memory, with the unique-email rule the Postgres table enforces with a
 * unique index on the lower-cased address per project.
 */
export class MemoryUserStore implements UserStore {
  private readonly users = new Map<string, AuthUser>();

  async findByEmail(projectId: string, email: string): Promise<AuthUser | null> {
    const found = this.find(projectId, email);
    return found ? copy(found) : null;
  }

  async get(projectId: string, uid: string): Promise<AuthUser | null> {
    const user = this.users.get(key(projectId, uid));
    return user ? copy(user) : null;
  }

  async create(user: AuthUser): Promise<boolean> {
    if (this.users.has(key(user.projectId, user.uid))) return false;
    if (user.email !== null && this.find(user.projectId, user.email)) return false;
    this.users.set(key(user.projectId, user.uid), copy(user));
    return true;
  }

  async update(projectId: string, uid: string, patch: UserPatch): Promise<AuthUser | null> {
    const user = this.users.get(key(projectId, uid));
    if (!user) return null;
    if (patch.email) {
      const owner = this.find(projectId, patch.email);
      if (owner && owner.uid !== uid) throw new Error("duplicate email (unique index)");
    }
    Object.assign(user, copy(patch));
    return copy(user);
  }

  async list(projectId: string, options: { limit: number; after?: string }): Promise<AuthUser[]> {
    return [...this.users.values()]
      .filter(
        (u) => u.projectId === projectId && (options.after === undefined || u.uid > options.after),
      )
      .sort((a, b) => (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0))
      .slice(0, options.limit)
      .map(copy);
  }

  async delete(projectId: string, uid: string): Promise<boolean> {
    return this.users.delete(key(projectId, uid));
  }

  private find(projectId: string, email: string): AuthUser | undefined {
    const wanted = emailKey(email);
    for (const user of this.users.values()) {
      if (user.projectId === projectId && user.email !== null && emailKey(user.email) === wanted) {
        return user;
      }
    }
    return undefined;
  }
}

function key(projectId: string, uid: string): string {
  return `${projectId}\u0000${uid}`;
}
