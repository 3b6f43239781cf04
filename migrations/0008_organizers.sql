CREATE TYPE "public"."insurer_kind" AS ENUM('wide_area_union', 'partial_affairs_association');--> statement-breakpoint
CREATE TYPE "public"."organizer_kind" AS ENUM('prefecture', 'regional_bureau');--> statement-breakpoint
CREATE TABLE "insurer_municipalities" (
	"insurer_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	CONSTRAINT "insurer_municipalities_insurer_id_municipality_id_pk" PRIMARY KEY("insurer_id","municipality_id"),
	CONSTRAINT "insurer_municipalities_municipalityId_unique" UNIQUE("municipality_id")
);
--> statement-breakpoint
CREATE TABLE "insurers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"insurer_number" text,
	"name" text NOT NULL,
	"kind" "insurer_kind" NOT NULL,
	"organizer_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "insurers_insurerNumber_unique" UNIQUE("insurer_number"),
	CONSTRAINT "insurers_number_6_digits" CHECK ("insurers"."insurer_number" is null or "insurers"."insurer_number" ~ '^[0-9]{6}$')
);
--> statement-breakpoint
CREATE TABLE "organizer_municipalities" (
	"organizer_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizer_municipalities_organizer_id_municipality_id_pk" PRIMARY KEY("organizer_id","municipality_id")
);
--> statement-breakpoint
CREATE TABLE "organizers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" "organizer_kind" DEFAULT 'prefecture' NOT NULL,
	"prefecture_code" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizers_name_unique" UNIQUE("name"),
	CONSTRAINT "organizers_prefecture_code" CHECK ("organizers"."prefecture_code" is null or "organizers"."prefecture_code" ~ '^[0-9]{2}$')
);
--> statement-breakpoint
CREATE TABLE "report_public_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone,
	CONSTRAINT "report_public_links_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "organizer_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "organizer_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "invited_by_organizer_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_invited_by_organizer_id_organizers_id_fk" FOREIGN KEY ("invited_by_organizer_id") REFERENCES "public"."organizers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insurer_municipalities" ADD CONSTRAINT "insurer_municipalities_insurer_id_insurers_id_fk" FOREIGN KEY ("insurer_id") REFERENCES "public"."insurers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insurer_municipalities" ADD CONSTRAINT "insurer_municipalities_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insurers" ADD CONSTRAINT "insurers_organizer_id_organizers_id_fk" FOREIGN KEY ("organizer_id") REFERENCES "public"."organizers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizer_municipalities" ADD CONSTRAINT "organizer_municipalities_organizer_id_organizers_id_fk" FOREIGN KEY ("organizer_id") REFERENCES "public"."organizers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizer_municipalities" ADD CONSTRAINT "organizer_municipalities_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_public_links" ADD CONSTRAINT "report_public_links_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_public_links" ADD CONSTRAINT "report_public_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "insurers_organizer_id_index" ON "insurers" USING btree ("organizer_id");--> statement-breakpoint
CREATE INDEX "organizer_municipalities_municipality_id_index" ON "organizer_municipalities" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "report_public_links_report_id_index" ON "report_public_links" USING btree ("report_id");--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_organizer_id_organizers_id_fk" FOREIGN KEY ("organizer_id") REFERENCES "public"."organizers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organizer_id_organizers_id_fk" FOREIGN KEY ("organizer_id") REFERENCES "public"."organizers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "programs_organizer_id_index" ON "programs" USING btree ("organizer_id");--> statement-breakpoint
CREATE INDEX "users_organizer_id_index" ON "users" USING btree ("organizer_id");
--> statement-breakpoint
-- Issue 13: one organizer per distinct organizer text (a program without one becomes its own organizer, by its name).
INSERT INTO "organizers" ("name") SELECT DISTINCT coalesce("organizer", "name") FROM "programs" ON CONFLICT ("name") DO NOTHING;--> statement-breakpoint
UPDATE "programs" SET "organizer_id" = "organizers"."id" FROM "organizers" WHERE "organizers"."name" = coalesce("programs"."organizer", "programs"."name");--> statement-breakpoint
-- Program-office staff belong to the organizer of the program they were office of.
UPDATE "users" SET "organizer_id" = "programs"."organizer_id" FROM "programs" WHERE "programs"."id" = "users"."program_office_of";--> statement-breakpoint
-- Accounts invited by an office stay managed by its organizer.
UPDATE "users" SET "invited_by_organizer_id" = "inviter"."organizer_id" FROM "user_tokens" JOIN "users" "inviter" ON "inviter"."id" = "user_tokens"."created_by" WHERE "user_tokens"."user_id" = "users"."id" AND "user_tokens"."kind" = 'invitation' AND "inviter"."organizer_id" IS NOT NULL;--> statement-breakpoint
-- The jurisdiction starts as the municipalities the organizer's programs already support.
INSERT INTO "organizer_municipalities" ("organizer_id", "municipality_id") SELECT DISTINCT "programs"."organizer_id", "engagements"."municipality_id" FROM "engagements" JOIN "programs" ON "programs"."id" = "engagements"."program_id" ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "organizer_municipalities" ("organizer_id", "municipality_id") SELECT DISTINCT "programs"."organizer_id", "observer_grants"."municipality_id" FROM "observer_grants" JOIN "engagements" ON "engagements"."id" = "observer_grants"."engagement_id" JOIN "programs" ON "programs"."id" = "engagements"."program_id" ON CONFLICT DO NOTHING;--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_program_office_of_programs_id_fk";
--> statement-breakpoint
ALTER TABLE "programs" ALTER COLUMN "organizer_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" DROP COLUMN "organizer";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "program_office_of";