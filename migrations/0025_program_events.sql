CREATE TYPE "public"."program_event_kind" AS ENUM('report_meeting', 'joint_hearing', 'advanced_site_visit', 'training');--> statement-breakpoint
ALTER TYPE "public"."attachment_parent" ADD VALUE 'event';--> statement-breakpoint
CREATE TABLE "program_event_attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"organization_name" text NOT NULL,
	"status" "attendance_status" DEFAULT 'registered' NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "program_event_attendance_one_per_user" UNIQUE("event_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "program_event_engagements" (
	"event_id" uuid NOT NULL,
	"engagement_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "program_event_engagements_event_id_engagement_id_pk" PRIMARY KEY("event_id","engagement_id")
);
--> statement-breakpoint
CREATE TABLE "program_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"kind" "program_event_kind" NOT NULL,
	"title" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"venue" text DEFAULT '' NOT NULL,
	"online_url" text,
	"agenda" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_events_span" CHECK ("program_events"."end_date" >= "program_events"."start_date")
);
--> statement-breakpoint
ALTER TABLE "attachments" DROP CONSTRAINT "attachments_one_parent";--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "end_date" date;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "venue" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "event_id" uuid;--> statement-breakpoint
ALTER TABLE "program_event_attendance" ADD CONSTRAINT "program_event_attendance_event_id_program_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."program_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_event_attendance" ADD CONSTRAINT "program_event_attendance_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_event_attendance" ADD CONSTRAINT "program_event_attendance_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_event_engagements" ADD CONSTRAINT "program_event_engagements_event_id_program_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."program_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_event_engagements" ADD CONSTRAINT "program_event_engagements_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_events" ADD CONSTRAINT "program_events_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_events" ADD CONSTRAINT "program_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "program_event_attendance_user_id_index" ON "program_event_attendance" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "program_event_engagements_engagement_id_index" ON "program_event_engagements" USING btree ("engagement_id");--> statement-breakpoint
CREATE INDEX "program_events_program_id_start_date_index" ON "program_events" USING btree ("program_id","start_date");--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_event_id_program_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."program_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_event_id_index" ON "attachments" USING btree ("event_id");--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_end_date" CHECK ("visits"."end_date" is null or "visits"."end_date" >= "visits"."date");--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_one_parent" CHECK ((case "attachments"."parent_type"::text
        when 'visit' then "attachments"."visit_id" is not null and "attachments"."engagement_id" is not null
        when 'finding' then "attachments"."finding_id" is not null and "attachments"."engagement_id" is not null
        when 'homework' then "attachments"."homework_id" is not null and "attachments"."engagement_id" is not null
        when 'report' then "attachments"."report_id" is not null and "attachments"."engagement_id" is not null
        when 'program' then "attachments"."program_id" is not null and "attachments"."engagement_id" is null and "attachments"."event_id" is null
        when 'event' then "attachments"."event_id" is not null and "attachments"."program_id" is not null and "attachments"."engagement_id" is null end)
        and num_nonnulls("attachments"."visit_id", "attachments"."finding_id", "attachments"."homework_id", "attachments"."report_id", coalesce("attachments"."event_id", "attachments"."program_id")) = 1);