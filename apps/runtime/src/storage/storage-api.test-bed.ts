import { useTestDatabase } from "@winky/testing";
import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, expect } from "vitest";
import {
  createStorageTestBed,
  type StorageBackend,
  type StorageTestBed,
} from "./storage.test-bed.js";

const RULES = `rules_version = '2';
service firebase.storage {
  match /b/{bucket}/o {
    match /users/{userId}/{file=**} {
      allow read, list, delete: if request.auth != null && request.auth.uid == userId;
      allow create, update: if request.auth != null && request.auth.uid == userId
        && request.resource.size < 1024 * 1024;
    }
    match /images/{file} {
      allow read;
      allow create: if request.resource.contentType.matches('image/.*');
    }
    match /teams/{team}/{file} {
      allow read, write: if request.auth != null && request.auth.uid in
        firestore.get(/databases/(default)/documents/teams/$(team)).data.members;
    }
  }
}`;

/** The project every storage API test file uses; each file has its own database. */
export const P = "store-app";
export const url = (rest: string) => `/v1/projects/${P}/storage/${rest}`;
export const enc = (name: string) => encodeURIComponent(name);

export interface User {
  uid: string;
  headers: { authorization: string };
}

/**
 * The storage API tests' setup: a fresh database (`<label>_<backend>`), a runtime on `backend`
 * with project {@link P}, the rules above deployed, a 4096-byte object limit, and users ann
 * and bob. Registers its hooks in the calling `describe`; read the getters inside tests.
 */
export function useStorageApi(label: string, backend: StorageBackend) {
  const database = useTestDatabase(`${label}_${backend}`);
  let bed: StorageTestBed;
  let ann: User;
  let bob: User;

  const api = {
    get bed() {
      return bed;
    },
    get app(): FastifyInstance {
      return bed.app;
    },
    get ann() {
      return ann;
    },
    get bob() {
      return bob;
    },
    get databaseUrl() {
      return database.url;
    },
    backend,
    /** `POST o?name=`: a one-request upload, `text/plain` unless `headers` say otherwise. */
    upload: (
      name: string,
      body: string | Buffer,
      headers: Record<string, string> = {},
      project = P,
    ) =>
      bed.app.inject({
        method: "POST",
        url: `/v1/projects/${project}/storage/o?name=${enc(name)}`,
        headers: { "content-type": "text/plain", ...headers },
        payload: body,
      }),
    /** `GET o/<name>?alt=media`, with `headers` (a `Range`, a bearer token…). */
    download: (name: string, headers: InjectOptions["headers"] = {}) =>
      bed.app.inject({ method: "GET", url: url(`o/${enc(name)}?alt=media`), headers }),
    /** Every object's name, as the admin lists them. */
    listAll: async () => {
      const res = await bed.app.inject({ method: "GET", url: url("o"), headers: bed.admin });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: { name: string }[] }>().items.map((i) => i.name);
    },
  };

  beforeAll(async () => {
    bed = await createStorageTestBed(database.url, P, RULES, { maxObjectSize: 4096, backend });
    ann = await bed.signUp("ann@example.com");
    bob = await bed.signUp("bob@example.com");
  });
  afterAll(() => bed?.close());
  return api;
}
