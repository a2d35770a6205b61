import { AuthError, isAuthError } from "../errors.js";
import { systemClock, type Clock } from "../primitives.js";
import { ISSUER_MISMATCH, type OidcDiscovery, type OidcMetadata } from "./discovery.js";
import {
  checkProviderId,
  parseProviderSettings,
  toProviderView,
  type AuthProviderStore,
  type OidcProviderRecord,
  type OidcProviderView,
} from "./provider-config.js";

/** What {@link OidcProviders} needs. */
export interface OidcProvidersDeps {
  store: AuthProviderStore;
  discovery: OidcDiscovery;
  clock?: Clock;
  /** Accept `http://` issuers on loopback hosts (tests, local emulators). Default false. */
  allowLoopbackHttpIssuer?: boolean;
}

/**
 * A project's OpenID Connect providers: the admin's configuration (validated field by field,
 * checked against the provider's discovery document before it is stored) and the lookup the
 * sign-in flows start from. Views never carry the client secret.
 */
export class OidcProviders {
  private readonly deps: OidcProvidersDeps;
  private readonly clock: Clock;

  constructor(deps: OidcProvidersDeps) {
    this.deps = deps;
    this.clock = deps.clock ?? systemClock;
  }

  /** The project's providers, by id. */
  async list(projectId: string): Promise<OidcProviderView[]> {
    return (await this.deps.store.list(projectId)).map(toProviderView);
  }

  /** One provider, or null. */
  async get(projectId: string, providerId: string): Promise<OidcProviderView | null> {
    const record = await this.deps.store.get(projectId, providerId);
    return record ? toProviderView(record) : null;
  }

  /**
   * Creates or replaces a provider. The settings are validated, then the issuer's discovery
   * document is fetched: it must answer and name exactly this issuer. Nothing is stored unless
   * both pass. Leaving out `clientSecret` keeps the stored one.
   *
   * @throws AuthError `invalid-provider-config` naming each bad field (also an issuer whose
   *   discovery document names another), `provider-unavailable` naming the issuer when it
   *   cannot be reached.
   */
  async put(
    projectId: string,
    providerId: string,
    input: unknown,
  ): Promise<{ provider: OidcProviderView; created: boolean }> {
    const existing = await this.deps.store.get(projectId, checkProviderId(providerId));
    const settings = parseProviderSettings(providerId, input, existing, {
      allowLoopbackHttpIssuer: this.deps.allowLoopbackHttpIssuer === true,
    });
    try {
      await this.deps.discovery.metadata(settings.issuer);
    } catch (e) {
      // The one discovery failure that is the admin's to fix in this request's fields.
      if (isAuthError(e) && e.cause === ISSUER_MISMATCH) {
        throw new AuthError("invalid-provider-config", `issuer: ${e.message}`);
      }
      throw e;
    }
    const now = this.clock.now();
    const record: OidcProviderRecord = {
      ...settings,
      projectId,
      providerId,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await this.deps.store.put(record);
    return { provider: toProviderView(record), created: existing === null };
  }

  /** Deletes a provider; false when there was none. Linked identities stay, for a re-add. */
  async delete(projectId: string, providerId: string): Promise<boolean> {
    return this.deps.store.delete(projectId, providerId);
  }

  /**
   * An enabled provider and its metadata, for a sign-in.
   *
   * @throws AuthError `provider-not-enabled` for an unknown or disabled provider (one message:
   *   which of the two says nothing useful to an end user), `provider-unavailable`.
   */
  async enabled(
    projectId: string,
    providerId: string,
  ): Promise<{ provider: OidcProviderRecord; metadata: OidcMetadata }> {
    const provider = await this.deps.store.get(projectId, providerId);
    if (!provider?.enabled) {
      throw new AuthError(
        "provider-not-enabled",
        `sign-in with '${providerId.slice(0, 40)}' is not enabled for project '${projectId}'`,
      );
    }
    return { provider, metadata: await this.deps.discovery.metadata(provider.issuer) };
  }
}
