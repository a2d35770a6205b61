import { describe } from "vitest";
import {
  describeActionTokenStore,
  describeAuthProviderStore,
  describeIdentityStore,
  describeOidcFlowStore,
  describeRateLimiter,
  describeRefreshTokenStore,
  describeSigningKeyStore,
  describeUserStore,
} from "../core/testing/index.js";
import { PostgresRateLimiter } from "./rate-limiter.js";
import {
  ProjectCreatingActionTokenStore,
  ProjectCreatingAuthProviderStore,
  ProjectCreatingIdentityStore,
  ProjectCreatingOidcFlowStore,
  ProjectCreatingRefreshTokenStore,
  ProjectCreatingSigningKeyStore,
  ProjectCreatingUserStore,
  newEncryptionKey,
  useAuthDatabase,
} from "./testing.js";

// Every suite shares one database: each test makes up its own project ids and keys, and the
// project rows they need are created on first write (see testing.ts).
describe("the Postgres auth stores against the core's conformance suites", () => {
  const db = useAuthDatabase("auth_conformance");
  const encryptionKey = newEncryptionKey();

  describeUserStore("Postgres", () => new ProjectCreatingUserStore(db.pool()));
  describeSigningKeyStore(
    "Postgres",
    () => new ProjectCreatingSigningKeyStore(db.pool(), encryptionKey),
  );
  describeRefreshTokenStore("Postgres", () => new ProjectCreatingRefreshTokenStore(db.pool()));
  describeActionTokenStore("Postgres", () => new ProjectCreatingActionTokenStore(db.pool()));
  describeRateLimiter("Postgres", (clock) => new PostgresRateLimiter(db.pool(), clock));
  describeAuthProviderStore(
    "Postgres",
    () => new ProjectCreatingAuthProviderStore(db.pool(), encryptionKey),
  );
  describeIdentityStore("Postgres", () => new ProjectCreatingIdentityStore(db.pool()));
  describeOidcFlowStore(
    "Postgres",
    () => new ProjectCreatingOidcFlowStore(db.pool(), encryptionKey),
  );
});
