CREATE TYPE "public"."attendance_status" AS ENUM('registered', 'attended', 'absent');--> statement-breakpoint
CREATE TYPE "public"."observation_request_status" AS ENUM('pending', 'approved', 'declined');--> statement-breakpoint
CREATE TABLE "observation_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"requested_by" uuid,
	"municipality_id" uuid NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"status" "observation_request_status" DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"grant_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"visit_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"organization_name" text NOT NULL,
	"status" "attendance_status" DEFAULT 'registered' NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "visit_attendance_one_per_user" UNIQUE("visit_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "observer_summary" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "observation_requests" ADD CONSTRAINT "observation_requests_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation_requests" ADD CONSTRAINT "observation_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation_requests" ADD CONSTRAINT "observation_requests_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation_requests" ADD CONSTRAINT "observation_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation_requests" ADD CONSTRAINT "observation_requests_grant_id_observer_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."observer_grants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_attendance" ADD CONSTRAINT "visit_attendance_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_attendance" ADD CONSTRAINT "visit_attendance_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_attendance" ADD CONSTRAINT "visit_attendance_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_attendance" ADD CONSTRAINT "visit_attendance_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "observation_requests_engagement_id_status_index" ON "observation_requests" USING btree ("engagement_id","status");--> statement-breakpoint
CREATE INDEX "observation_requests_municipality_id_index" ON "observation_requests" USING btree ("municipality_id");--> statement-breakpoint
CREATE UNIQUE INDEX "observation_requests_one_pending" ON "observation_requests" USING btree ("engagement_id","municipality_id") WHERE "observation_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "visit_attendance_engagement_id_index" ON "visit_attendance" USING btree ("engagement_id");--> statement-breakpoint
CREATE INDEX "visit_attendance_user_id_index" ON "visit_attendance" USING btree ("user_id");