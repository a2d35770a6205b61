import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { parseBody } from "../../admin/parse-body.js";
import type { ProjectStore } from "../../projects/project-store.js";
import type { AuthCore } from "../core/index.js";
import { bearerUser, callbackUrlOf, requireBearerUser } from "./request-context.js";

const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const challengeField = z
  .string()
  .regex(CHALLENGE, "must be the base64url SHA-256 (43 characters) of a verifier the app keeps");
const redirectField = z.string({ error: "is required" }).min(1, "is required").max(2048);

const StartQuery = z
  .object({ redirect_uri: redirectField, code_challenge: challengeField.optional() })
  .strict();
const StartBody = z
  .object({
    redirectUri: redirectField,
    codeChallenge: challengeField.optional(),
    /** Link the identity to the caller (the Bearer token's user) instead of signing in. */
    link: z.boolean().optional(),
  })
  .strict();
// Providers add parameters of their own (Google: scope, authuser, prompt, hd): not strict.
const CallbackQuery = z.object({
  state: z.string().max(512).optional(),
  code: z.string().max(4096).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2048).optional(),
  iss: z.string().max(2048).optional(),
});
const ExchangeBody = z
  .object({
    code: z.string({ error: "is required" }).min(1, "is required").max(512),
    codeVerifier: z.string().min(43).max(128).optional(),
  })
  .strict();
const IdpBody = z
  .object({
    providerId: z.string({ error: "is required" }).min(1, "is required").max(64),
    idToken: z.string({ error: "is required" }).min(1, "is required").max(16_384),
  })
  .strict();

type ProviderParams = { Params: { project: string; provider: string } };
type Params = { Params: { project: string } };

// These URLs carry states and authorization codes: keep them out of the request log (Fastify
// logs each request's URL at info level) and out of caches and Referer headers.
const quiet = { logLevel: "warn" } as const;
const noStore = (reply: FastifyReply) =>
  reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");

/**
 * OpenID Connect sign-in under `/v1/projects/:project/auth`:
 *
 * - `GET oidc/:provider/start?redirect_uri=…[&code_challenge=…]`: 302 to the provider (a
 *   browser navigates here); `POST oidc/:provider/start` answers the URL instead, and with
 *   `link: true` and the user's Bearer token starts a linking.
 * - `GET oidc/:provider/callback`: the provider returns here; 302 to the app's URL with
 *   `#code=…` or `#error=…&error_description=…`.
 * - `POST oidc:exchange {code, codeVerifier?}`: the one-time code for a session.
 * - `POST signInWithIdp {providerId, idToken}`: sign in with the provider's ID token.
 */
export function registerOidcRoutes(
  app: FastifyInstance,
  auth: AuthCore,
  projects: ProjectStore,
): void {
  const base = "/v1/projects/:project/auth";

  app.get<ProviderParams>(`${base}/oidc/:provider/start`, quiet, async (request, reply) => {
    const { project, provider } = request.params;
    const query = parseBody(StartQuery, request.query);
    await projects.get(project);
    const { authorizationUrl } = await auth.oidc.startRedirect({
      projectId: project,
      providerId: provider,
      redirectUri: query.redirect_uri,
      callbackUrl: callbackUrlOf(request, project, provider),
      appChallenge: query.code_challenge ?? null,
      ip: request.ip,
    });
    return noStore(reply).redirect(authorizationUrl, 302);
  });

  app.post<ProviderParams>(`${base}/oidc/:provider/start`, quiet, async (request, reply) => {
    const { project, provider } = request.params;
    const body = parseBody(StartBody, request.body);
    await projects.get(project);
    const linkUid = body.link ? (await requireBearerUser(request, project, auth)).uid : null;
    const started = await auth.oidc.startRedirect({
      projectId: project,
      providerId: provider,
      redirectUri: body.redirectUri,
      callbackUrl: callbackUrlOf(request, project, provider),
      appChallenge: body.codeChallenge ?? null,
      linkUid,
      ip: request.ip,
    });
    return noStore(reply).send({
      authorizationUrl: started.authorizationUrl,
      expiresAt: started.expiresAt.toISOString(),
    });
  });

  app.get<ProviderParams>(`${base}/oidc/:provider/callback`, quiet, async (request, reply) => {
    const { project, provider } = request.params;
    const query = parseBody(CallbackQuery, request.query);
    const { redirectTo } = await auth.oidc.callback({
      projectId: project,
      providerId: provider,
      ...(query.state !== undefined ? { state: query.state } : {}),
      ...(query.code !== undefined ? { code: query.code } : {}),
      ...(query.error !== undefined ? { error: query.error } : {}),
      ...(query.error_description !== undefined
        ? { errorDescription: query.error_description }
        : {}),
      ...(query.iss !== undefined ? { iss: query.iss } : {}),
    });
    return noStore(reply).redirect(redirectTo, 302);
  });

  app.post<Params>(`${base}/oidc::exchange`, async (request, reply) => {
    const { project } = request.params;
    const body = parseBody(ExchangeBody, request.body);
    const caller = await bearerUser(request, project, auth);
    const session = await auth.oidc.exchange({
      projectId: project,
      code: body.code,
      ...(body.codeVerifier !== undefined ? { codeVerifier: body.codeVerifier } : {}),
      callerUid: caller?.uid ?? null,
    });
    return noStore(reply).send(session);
  });

  app.post<Params>(`${base}/signInWithIdp`, async (request, reply) => {
    const { project } = request.params;
    const body = parseBody(IdpBody, request.body);
    await projects.get(project);
    const session = await auth.oidc.signInWithIdToken({
      projectId: project,
      providerId: body.providerId,
      idToken: body.idToken,
      ip: request.ip,
    });
    return noStore(reply).send(session);
  });
}
