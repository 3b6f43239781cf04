CREATE TYPE "public"."attachment_parent" AS ENUM('visit', 'finding', 'homework', 'report', 'program');--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"parent_type" "attachment_parent" NOT NULL,
	"engagement_id" uuid,
	"program_id" uuid,
	"visit_id" uuid,
	"finding_id" uuid,
	"homework_id" uuid,
	"report_id" uuid,
	"name" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"media_type" text NOT NULL,
	"shareable" boolean DEFAULT false NOT NULL,
	"uploaded_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_one_parent" CHECK ((case "attachments"."parent_type"
        when 'visit' then "attachments"."visit_id" is not null and "attachments"."engagement_id" is not null
        when 'finding' then "attachments"."finding_id" is not null and "attachments"."engagement_id" is not null
        when 'homework' then "attachments"."homework_id" is not null and "attachments"."engagement_id" is not null
        when 'report' then "attachments"."report_id" is not null and "attachments"."engagement_id" is not null
        when 'program' then "attachments"."program_id" is not null and "attachments"."engagement_id" is null end)
        and num_nonnulls("attachments"."visit_id", "attachments"."finding_id", "attachments"."homework_id", "attachments"."report_id", "attachments"."program_id") = 1),
	CONSTRAINT "attachments_sha256" CHECK ("attachments"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "attachments_size" CHECK ("attachments"."size" >= 0)
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_homework_id_homework_id_fk" FOREIGN KEY ("homework_id") REFERENCES "public"."homework"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_engagement_id_index" ON "attachments" USING btree ("engagement_id");--> statement-breakpoint
CREATE INDEX "attachments_program_id_index" ON "attachments" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "attachments_visit_id_index" ON "attachments" USING btree ("visit_id");