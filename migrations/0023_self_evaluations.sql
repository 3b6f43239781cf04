CREATE TYPE "public"."self_evaluation_direction" AS ENUM('continue', 'improve', 'review', 'end');--> statement-breakpoint
CREATE TYPE "public"."self_evaluation_mark" AS ENUM('achieved', 'mostly_achieved', 'partly_unmet', 'unmet');--> statement-breakpoint
CREATE TABLE "self_evaluation_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"position" integer NOT NULL,
	"theme" text DEFAULT '' NOT NULL,
	"title" text NOT NULL,
	"indicator_id" uuid,
	"indicator_name" text DEFAULT '' NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"target_value" double precision,
	"actual_value" double precision,
	"mark" "self_evaluation_mark",
	"comment" text DEFAULT '' NOT NULL,
	"direction" "self_evaluation_direction",
	"direction_text" text DEFAULT '' NOT NULL,
	"action_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "self_evaluation_items_title" UNIQUE("engagement_id","fiscal_year","title"),
	CONSTRAINT "self_evaluation_items_title_not_blank" CHECK (length(trim("self_evaluation_items"."title")) > 0),
	CONSTRAINT "self_evaluation_items_fiscal_year" CHECK ("self_evaluation_items"."fiscal_year" between 2000 and 2100)
);
--> statement-breakpoint
ALTER TABLE "self_evaluation_items" ADD CONSTRAINT "self_evaluation_items_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_evaluation_items" ADD CONSTRAINT "self_evaluation_items_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_evaluation_items" ADD CONSTRAINT "self_evaluation_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_evaluation_items" ADD CONSTRAINT "self_evaluation_items_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "self_evaluation_items_engagement_id_fiscal_year_position_index" ON "self_evaluation_items" USING btree ("engagement_id","fiscal_year","position");