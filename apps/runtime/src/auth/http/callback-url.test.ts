import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { callbackUrlOf } from "./request-context.js";

const appWith = (publicUrl: string | null) => {
  const app = Fastify();
  app.decorate("publicUrl", publicUrl);
  app.get("/cb", async (request) => ({ url: callbackUrlOf(request, "my-app", "google") }));
  return app;
};

describe("the OpenID Connect callback URL", () => {
  it("comes from the request's scheme and host by default", async () => {
    const res = await appWith(null).inject({ url: "/cb", headers: { host: "127.0.0.1:4000" } });
    expect(res.json()).toEqual({
      url: "http://127.0.0.1:4000/v1/projects/my-app/auth/oidc/google/callback",
    });
  });

  it("uses the configured public URL behind a proxy", async () => {
    const res = await appWith("https://api.example.com").inject({
      url: "/cb",
      headers: { host: "10.0.0.5:4000" },
    });
    expect(res.json()).toEqual({
      url: "https://api.example.com/v1/projects/my-app/auth/oidc/google/callback",
    });
  });
});
