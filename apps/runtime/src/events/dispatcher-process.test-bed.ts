// A dispatcher in a process of its own, for tests that kill it with SIGKILL mid-stream:
// DATABASE_URL, REDIS_URL, WINKY_QUEUE_PREFIX and WINKY_REDELIVER_MS from the environment.
// Prints "ready" once dispatching, then one line per batch moved.
import { Redis } from "ioredis";
import pg from "pg";
import { EventDispatcher } from "./dispatcher.js";
import { createEventQueue } from "./event-queue.js";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const pool = new pg.Pool({ connectionString: env("DATABASE_URL"), max: 2 });
const redis = new Redis(env("REDIS_URL"), { maxRetriesPerRequest: null });
const dispatcher = new EventDispatcher(pool, createEventQueue(redis, env("WINKY_QUEUE_PREFIX")), {
  pollMs: 20,
  batch: 5,
  redeliverAfterMs: Number(env("WINKY_REDELIVER_MS")),
  jobOptions: { attempts: 3, backoff: { type: "fixed", delay: 50 } },
});
dispatcher.start();
console.log("ready");
