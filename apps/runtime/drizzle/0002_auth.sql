CREATE TABLE "runtime"."action_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"purpose" text NOT NULL,
	"uid" text,
	"email" text NOT NULL,
	"password_hash" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	CONSTRAINT "action_tokens_purpose" CHECK ("runtime"."action_tokens"."purpose" in ('sign-up', 'verify-email', 'password-reset'))
);
--> statement-breakpoint
CREATE TABLE "runtime"."mail_outbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "runtime"."mail_outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" text NOT NULL,
	"kind" text NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	CONSTRAINT "mail_outbox_kind" CHECK ("runtime"."mail_outbox"."kind" in ('sign-up', 'sign-up-attempt', 'verify-email', 'password-reset'))
);
--> statement-breakpoint
CREATE TABLE "runtime"."rate_limit_hits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "runtime"."refresh_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"family_id" text NOT NULL,
	"parent_hash" text,
	"uid" text NOT NULL,
	"sign_in_provider" text NOT NULL,
	"auth_time" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "runtime"."signing_keys" (
	"project_id" text NOT NULL,
	"kid" text NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"private_jwk_encrypted" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"status_changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "signing_keys_project_id_kid_pk" PRIMARY KEY("project_id","kid"),
	CONSTRAINT "signing_keys_status" CHECK ("runtime"."signing_keys"."status" in ('active', 'retiring', 'retired'))
);
--> statement-breakpoint
CREATE TABLE "runtime"."users" (
	"project_id" text NOT NULL,
	"uid" text NOT NULL,
	"email" text,
	"email_verified" boolean DEFAULT false NOT NULL,
	"password_hash" text,
	"anonymous" boolean DEFAULT false NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"custom_claims" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	CONSTRAINT "users_project_id_uid_pk" PRIMARY KEY("project_id","uid")
);
--> statement-breakpoint
ALTER TABLE "runtime"."action_tokens" ADD CONSTRAINT "action_tokens_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "runtime"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runtime"."mail_outbox" ADD CONSTRAINT "mail_outbox_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "runtime"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runtime"."refresh_tokens" ADD CONSTRAINT "refresh_tokens_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "runtime"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runtime"."signing_keys" ADD CONSTRAINT "signing_keys_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "runtime"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runtime"."users" ADD CONSTRAINT "users_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "runtime"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_outbox_pending_idx" ON "runtime"."mail_outbox" USING btree ("id") WHERE "runtime"."mail_outbox"."sent_at" is null;--> statement-breakpoint
CREATE INDEX "refresh_tokens_family_idx" ON "runtime"."refresh_tokens" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "refresh_tokens_user_idx" ON "runtime"."refresh_tokens" USING btree ("project_id","uid");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "runtime"."users" USING btree ("project_id",lower(email collate "und-x-icu")) WHERE "runtime"."users"."email" is not null;--> statement-breakpoint
CREATE INDEX "users_uid_order_idx" ON "runtime"."users" USING btree ("project_id",uid collate "C");