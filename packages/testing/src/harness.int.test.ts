import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestDatabase, useTestDatabase, useTestRedis } from "./index.js";

describe("the integration harness", () => {
  const db = useTestDatabase("harness");
  const redis = useTestRedis("harness");

  it("gives each test file a database on a real PostgreSQL 18 server", async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ v: string; db: string }>(
        "select current_setting('server_version_num') as v, current_database() as db",
      );
      expect(Number(rows[0]!.v)).toBeGreaterThanOrEqual(180000);
      expect(rows[0]!.db).toBe(db.name);
    } finally {
      await client.end();
    }
  });

  it("keeps databases apart: a table made in one is absent from another", async () => {
    const other = await createTestDatabase("other");
    const mine = new pg.Client({ connectionString: db.url });
    const theirs = new pg.Client({ connectionString: other.url });
    await Promise.all([mine.connect(), theirs.connect()]);
    try {
      await mine.query("create table only_here (id int)");
      await expect(theirs.query("select * from only_here")).rejects.toThrow(/does not exist/);
    } finally {
      await Promise.all([mine.end(), theirs.end()]);
      await other.drop();
    }
  });

  it("talks to a real Redis under a prefix of its own", async () => {
    await redis.client.set(`${redis.prefix}greeting`, "hello");
    expect(await redis.client.get(`${redis.prefix}greeting`)).toBe("hello");
    const info = await redis.client.info("server");
    expect(info).toMatch(/redis_version:\d+/);
    expect(redis.prefix).toMatch(/^test:harness:[0-9a-f]{8}:$/);
  });
});
