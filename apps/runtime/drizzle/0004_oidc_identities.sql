CREATE TABLE "runtime"."auth_providers" (
	"project_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"issuer" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret_encrypted" text NOT NULL,
	"scopes" jsonb NOT NULL,
	"redirect_uris" jsonb NOT NULL,
	"callback_url" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "auth_providers_project_id_provider_id_pk" PRIMARY KEY("project_id","provider_id"),
	CONSTRAINT "auth_providers_id_format" CHECK ("runtime"."auth_providers"."provider_id" ~ '^[a-z][a-z0-9-]{1,31}$')
);
--> statement-breakpoint
CREATE TABLE "runtime"."oidc_flows" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier_encrypted" text NOT NULL,
	"redirect_uri" text NOT NULL,
	"callback_url" text NOT NULL,
	"app_challenge" text,
	"link_uid" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"callback_at" timestamp with time zone,
	"result_code_hash" text,
	"result_expires_at" timestamp with time zone,
	"identity" jsonb,
	"exchanged_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "runtime"."user_identities" (
	"project_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"subject" text NOT NULL,
	"uid" text NOT NULL,
	"email" text,
	"email_verified" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	CONSTRAINT "user_identities_project_id_provider_id_subject_pk" PRIMARY KEY("project_id","provider_id","subject")
);
--> statement-breakpoint
ALTER TABLE "runtime"."action_tokens" DROP CONSTRAINT "action_tokens_purpose";--> statement-breakpoint
ALTER TABLE "runtime"."mail_outbox" DROP CONSTRAINT "mail_outbox_kind";--> statement-breakpoint
ALTER TABLE "runtime"."auth_providers" ADD CONSTRAINT "auth_providers_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "runtime"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runtime"."oidc_flows" ADD CONSTRAINT "oidc_flows_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "runtime"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runtime"."user_identities" ADD CONSTRAINT "user_identities_project_id_uid_users_project_id_uid_fk" FOREIGN KEY ("project_id","uid") REFERENCES "runtime"."users"("project_id","uid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "oidc_flows_result_code_key" ON "runtime"."oidc_flows" USING btree ("result_code_hash");--> statement-breakpoint
CREATE INDEX "oidc_flows_expires_idx" ON "runtime"."oidc_flows" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "user_identities_user_provider_key" ON "runtime"."user_identities" USING btree ("project_id","uid","provider_id");--> statement-breakpoint
ALTER TABLE "runtime"."action_tokens" ADD CONSTRAINT "action_tokens_purpose" CHECK ("runtime"."action_tokens"."purpose" in ('sign-up', 'verify-email', 'password-reset', 'link-email', 'email-change'));--> statement-breakpoint
ALTER TABLE "runtime"."mail_outbox" ADD CONSTRAINT "mail_outbox_kind" CHECK ("runtime"."mail_outbox"."kind" in ('sign-up', 'sign-up-attempt', 'verify-email', 'password-reset', 'link-email', 'email-change', 'email-changed', 'email-in-use'));