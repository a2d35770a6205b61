// Test support for this folder's integration tests; imported by *.int.test.ts only.
import { randomBytes } from "node:crypto";
import { useTestDatabase } from "@winky/testing";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import type {
  ActionTokenRecord,
  AuthUser,
  OidcFlowRecord,
  OidcProviderRecord,
  RefreshTokenRecord,
  SigningKeyRecord,
  UserIdentity,
} from "../core/index.js";
import { migrateRuntime } from "../../db/migrate.js";
import { PostgresActionTokenStore } from "./action-token-store.js";
import { PostgresAuthProviderStore } from "./auth-provider-store.js";
import { PostgresIdentityStore } from "./identity-store.js";
import { PostgresOidcFlowStore } from "./oidc-flow-store.js";
import { PostgresRefreshTokenStore } from "./refresh-token-store.js";
import { PostgresSigningKeyStore } from "./signing-key-store.js";
import { PostgresUserStore } from "./user-store.js";

/** A fresh 32-byte encryption key. */
export const newEncryptionKey = (): Buffer => randomBytes(32);

/**
 * A fresh, migrated database for the calling test file and a pool on it (ended after the file).
 * Read `pool()` and `url()` inside tests or hooks.
 */
export function useAuthDatabase(label: string): { pool(): pg.Pool; url(): string } {
  const database = useTestDatabase(label);
  let pool: pg.Pool | undefined;
  beforeAll(async () => {
    await migrateRuntime(database.url);
    pool = new pg.Pool({ connectionString: database.url });
  });
  afterAll(async () => {
    await pool?.end();
  });
  return {
    pool: () => {
      if (!pool) throw new Error("useAuthDatabase(): read the pool inside a test or hook");
      return pool;
    },
    url: () => database.url,
  };
}

/** Inserts a project row (id as display name); does nothing when it exists. */
export async function createProject(pool: pg.Pool, id: string): Promise<void> {
  await pool.query(
    `insert into runtime.projects (id, display_name) values ($1, $1) on conflict do nothing`,
    [id],
  );
}

// The conformance suites make up a project id per test and write straight away, as the runtime
// would for a project the admin API created earlier. These subclasses play the admin API: they
// create the project row just before the first write for it and change nothing else, so the
// stores under test stay exactly the production ones, foreign keys included.

/** {@link PostgresUserStore} that creates each project row before writing to it. */
export class ProjectCreatingUserStore extends PostgresUserStore {
  constructor(private readonly db: pg.Pool) {
    super(db);
  }

  override async create(user: AuthUser): Promise<boolean> {
    await createProject(this.db, user.projectId);
    return super.create(user);
  }
}

/** {@link PostgresSigningKeyStore} that creates each project row before writing to it. */
export class ProjectCreatingSigningKeyStore extends PostgresSigningKeyStore {
  constructor(
    private readonly db: pg.Pool,
    encryptionKey: Buffer,
  ) {
    super(db, { encryptionKey });
  }

  override async add(record: SigningKeyRecord): Promise<void> {
    await createProject(this.db, record.projectId);
    await super.add(record);
  }
}

/** {@link PostgresRefreshTokenStore} that creates each project row before writing to it. */
export class ProjectCreatingRefreshTokenStore extends PostgresRefreshTokenStore {
  constructor(private readonly db: pg.Pool) {
    super(db);
  }

  override async insert(record: RefreshTokenRecord): Promise<void> {
    await createProject(this.db, record.projectId);
    await super.insert(record);
  }
}

/** {@link PostgresActionTokenStore} that creates each project row before writing to it. */
export class ProjectCreatingActionTokenStore extends PostgresActionTokenStore {
  constructor(private readonly db: pg.Pool) {
    super(db);
  }

  override async insert(record: ActionTokenRecord): Promise<void> {
    await createProject(this.db, record.projectId);
    await super.insert(record);
  }
}

/** Inserts a user row (no email) in an existing project; does nothing when it exists. */
export async function createUser(pool: pg.Pool, projectId: string, uid: string): Promise<void> {
  await pool.query(
    `insert into runtime.users (project_id, uid, created_at) values ($1, $2, now())
     on conflict do nothing`,
    [projectId, uid],
  );
}

/** {@link PostgresAuthProviderStore} that creates each project row before writing to it. */
export class ProjectCreatingAuthProviderStore extends PostgresAuthProviderStore {
  constructor(
    private readonly db: pg.Pool,
    encryptionKey: Buffer,
  ) {
    super(db, { encryptionKey });
  }

  override async put(record: OidcProviderRecord): Promise<void> {
    await createProject(this.db, record.projectId);
    await super.put(record);
  }
}

/**
 * {@link PostgresIdentityStore} that creates the project and user rows before writing an
 * identity: the table references its user.
 */
export class ProjectCreatingIdentityStore extends PostgresIdentityStore {
  constructor(private readonly db: pg.Pool) {
    super(db);
  }

  override async create(identity: UserIdentity): Promise<boolean> {
    await createProject(this.db, identity.projectId);
    await createUser(this.db, identity.projectId, identity.uid);
    return super.create(identity);
  }
}

/** {@link PostgresOidcFlowStore} that creates each project row before writing to it. */
export class ProjectCreatingOidcFlowStore extends PostgresOidcFlowStore {
  constructor(
    private readonly db: pg.Pool,
    encryptionKey: Buffer,
  ) {
    super(db, { encryptionKey });
  }

  override async insert(record: OidcFlowRecord): Promise<void> {
    await createProject(this.db, record.projectId);
    await super.insert(record);
  }
}
