import { createHash, randomBytes, randomUUID } from "node:crypto";

/**
 * Where the auth core reads the time. Every expiry, window and lockout goes through it, so tests
 * move time with a manual clock instead of sleeping.
 */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = Object.freeze({ now: () => new Date() });

/** Bytes of entropy in every opaque token (refresh tokens, email links): 256 bits. */
const OPAQUE_TOKEN_BYTES = 32;
const OPAQUE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * A new opaque secret: 32 random bytes as base64url (43 characters). Only its
 * {@link hashOpaqueToken} is ever stored, so a database leak yields no usable token.
 */
export function newOpaqueToken(): string {
  return randomBytes(OPAQUE_TOKEN_BYTES).toString("base64url");
}

/**
 * The stored form of an opaque token: its SHA-256 as hex. A plain hash (no salt, no scrypt) is
 * enough because the token already carries 256 bits of entropy; it also lets stores look tokens
 * up by an equality index.
 */
export function hashOpaqueToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * True when a string has the shape of a token from {@link newOpaqueToken}. Checked before any
 * store lookup so malformed input costs nothing; the caller still answers as for an unknown token.
 */
export function isWellFormedOpaqueToken(token: unknown): token is string {
  return typeof token === "string" && OPAQUE_TOKEN.test(token);
}

/** A random id for users and refresh-token families. */
export function newId(): string {
  return randomUUID();
}

/** `date` moved forward by `ms` milliseconds. */
export function addMs(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

/** Whole seconds since the epoch, as JWT `iat`/`exp` use them. */
export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** One second in milliseconds; the defaults are written with these durations. */
export const SECOND = 1000;
/** One minute in milliseconds. */
export const MINUTE = 60 * SECOND;
/** One hour in milliseconds. */
export const HOUR = 60 * MINUTE;
/** One day in milliseconds. */
export const DAY = 24 * HOUR;
