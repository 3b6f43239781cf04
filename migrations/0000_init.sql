CREATE TYPE "public"."action_priority" AS ENUM('high', 'medium', 'low');--> statement-breakpoint
CREATE TYPE "public"."action_status" AS ENUM('selected', 'in_progress', 'done', 'on_hold', 'dropped');--> statement-breakpoint
CREATE TYPE "public"."engagement_status" AS ENUM('selected', 'hearing', 'structuring', 'actions_selected', 'roadmap_agreed', 'monitoring', 'reported', 'closed');--> statement-breakpoint
CREATE TYPE "public"."evidence_kind" AS ENUM('indicator_value', 'finding', 'text');--> statement-breakpoint
CREATE TYPE "public"."finding_kind" AS ENUM('quantitative_fact', 'qualitative_fact', 'hypothesis', 'advice', 'decision');--> statement-breakpoint
CREATE TYPE "public"."finding_visibility" AS ENUM('team', 'municipality', 'observers');--> statement-breakpoint
CREATE TYPE "public"."hypothesis_state" AS ENUM('hypothesis', 'supported', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."indicator_direction" AS ENUM('higher', 'lower');--> statement-breakpoint
CREATE TYPE "public"."indicator_level" AS ENUM('structure', 'process', 'output', 'outcome');--> statement-breakpoint
CREATE TYPE "public"."member_role" AS ENUM('advisor', 'municipal_member');--> statement-breakpoint
CREATE TYPE "public"."milestone_status" AS ENUM('planned', 'done', 'delayed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."municipality_category" AS ENUM('ward', 'city', 'town_village');--> statement-breakpoint
CREATE TYPE "public"."node_kind" AS ENUM('goal', 'outcome', 'issue', 'cause', 'measure');--> statement-breakpoint
CREATE TYPE "public"."pdca_assessment" AS ENUM('excellent', 'good', 'fair', 'poor');--> statement-breakpoint
CREATE TYPE "public"."region_type" AS ENUM('metro', 'urban', 'island_mountain');--> statement-breakpoint
CREATE TYPE "public"."visit_kind" AS ENUM('hearing', 'site_visit', 'workshop', 'online', 'report_meeting');--> statement-breakpoint
CREATE TYPE "public"."visit_status" AS ENUM('planned', 'held', 'minutes_approved');--> statement-breakpoint
CREATE TABLE "municipalities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"category" "municipality_category" NOT NULL,
	"region_type" "region_type" NOT NULL,
	"population" integer,
	"aging_rate" double precision,
	"pop85_rate" double precision,
	CONSTRAINT "municipalities_code_unique" UNIQUE("code"),
	CONSTRAINT "municipalities_code_6_digits" CHECK ("municipalities"."code" ~ '^[0-9]{6}$'),
	CONSTRAINT "municipalities_population" CHECK ("municipalities"."population" is null or "municipalities"."population" >= 0),
	CONSTRAINT "municipalities_aging_rate" CHECK ("municipalities"."aging_rate" is null or ("municipalities"."aging_rate" >= 0 and "municipalities"."aging_rate" <= 100))
);
--> statement-breakpoint
CREATE TABLE "municipality_neighbours" (
	"municipality_id" uuid NOT NULL,
	"neighbour_id" uuid NOT NULL,
	CONSTRAINT "municipality_neighbours_municipality_id_neighbour_id_pk" PRIMARY KEY("municipality_id","neighbour_id"),
	CONSTRAINT "neighbours_not_self" CHECK ("municipality_neighbours"."municipality_id" <> "municipality_neighbours"."neighbour_id")
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fiscal_year" integer NOT NULL,
	"name" text NOT NULL,
	"plan_period" text,
	"organizer" text,
	"visit_windows" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"report_meeting" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programs_fiscalYear_name_unique" UNIQUE("fiscal_year","name"),
	CONSTRAINT "programs_fiscal_year" CHECK ("programs"."fiscal_year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"organization" text,
	"password_hash" text NOT NULL,
	"program_office_of" uuid,
	"municipality_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_email_lower" CHECK ("users"."email" = lower("users"."email"))
);
--> statement-breakpoint
CREATE TABLE "engagements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"theme" text NOT NULL,
	"desired_state" text DEFAULT '' NOT NULL,
	"status" "engagement_status" DEFAULT 'selected' NOT NULL,
	"previous_engagement_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagements_programId_municipalityId_unique" UNIQUE("program_id","municipality_id"),
	CONSTRAINT "engagements_theme_not_blank" CHECK (length(trim("engagements"."theme")) > 0)
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"engagement_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "member_role" NOT NULL,
	"title" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_engagement_id_user_id_pk" PRIMARY KEY("engagement_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "observer_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"scope" text DEFAULT 'process' NOT NULL,
	"valid_until" date NOT NULL,
	"revoked_at" timestamp with time zone,
	"granted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finding_nodes" (
	"finding_id" uuid NOT NULL,
	"node_id" uuid NOT NULL,
	CONSTRAINT "finding_nodes_finding_id_node_id_pk" PRIMARY KEY("finding_id","node_id")
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"visit_id" uuid,
	"kind" "finding_kind" NOT NULL,
	"text" text NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"visibility" "finding_visibility" DEFAULT 'team' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "findings_text_not_blank" CHECK (length(trim("findings"."text")) > 0)
);
--> statement-breakpoint
CREATE TABLE "homework" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"visit_id" uuid,
	"text" text NOT NULL,
	"assignee_user_id" uuid,
	"assignee_name" text NOT NULL,
	"due" date,
	"done" boolean DEFAULT false NOT NULL,
	"done_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" "visit_kind" NOT NULL,
	"date" date NOT NULL,
	"attendees" text[] DEFAULT '{}'::text[] NOT NULL,
	"agenda" text DEFAULT '' NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"status" "visit_status" DEFAULT 'planned' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visits_engagementId_seq_unique" UNIQUE("engagement_id","seq"),
	CONSTRAINT "visits_seq_positive" CHECK ("visits"."seq" > 0)
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"node_id" uuid NOT NULL,
	"kind" "evidence_kind" NOT NULL,
	"indicator_value_id" uuid,
	"finding_id" uuid,
	"text" text,
	"source" text,
	"period" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_kind_columns" CHECK (("evidence"."kind" = 'indicator_value' and "evidence"."indicator_value_id" is not null)
        or ("evidence"."kind" = 'finding' and "evidence"."finding_id" is not null)
        or ("evidence"."kind" = 'text' and "evidence"."text" is not null and length(trim("evidence"."text")) > 0))
);
--> statement-breakpoint
CREATE TABLE "tree_nodes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"engagement_id" uuid NOT NULL,
	"parent_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"kind" "node_kind" NOT NULL,
	"title" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"hypothesis_state" "hypothesis_state",
	"origin_node_id" uuid,
	CONSTRAINT "tree_nodes_root_is_goal" CHECK (("tree_nodes"."parent_id" is null) = ("tree_nodes"."kind" = 'goal')),
	CONSTRAINT "tree_nodes_not_own_parent" CHECK ("tree_nodes"."parent_id" is null or "tree_nodes"."parent_id" <> "tree_nodes"."id"),
	CONSTRAINT "tree_nodes_title_not_blank" CHECK (length(trim("tree_nodes"."title")) > 0)
);
--> statement-breakpoint
CREATE TABLE "tree_revisions" (
	"engagement_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"summary" text NOT NULL,
	"operations" jsonb NOT NULL,
	"nodes" jsonb NOT NULL,
	CONSTRAINT "tree_revisions_engagement_id_revision_pk" PRIMARY KEY("engagement_id","revision")
);
--> statement-breakpoint
CREATE TABLE "trees" (
	"engagement_id" uuid PRIMARY KEY NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trees_revision_non_negative" CHECK ("trees"."revision" >= 0)
);
--> statement-breakpoint
CREATE TABLE "indicator_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"period" text NOT NULL,
	"value" double precision NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	CONSTRAINT "indicator_values_indicatorId_municipalityId_period_unique" UNIQUE("indicator_id","municipality_id","period"),
	CONSTRAINT "indicator_values_finite" CHECK ("indicator_values"."value" = "indicator_values"."value" and "indicator_values"."value" <> 'Infinity' and "indicator_values"."value" <> '-Infinity')
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"direction" "indicator_direction" NOT NULL,
	"level" "indicator_level" NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"definition" text DEFAULT '' NOT NULL,
	"frequency" text,
	CONSTRAINT "indicators_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"node_id" uuid NOT NULL,
	"owner_department" text DEFAULT '' NOT NULL,
	"partners" text[] DEFAULT '{}'::text[] NOT NULL,
	"priority" "action_priority" DEFAULT 'medium' NOT NULL,
	"rationale" text NOT NULL,
	"status" "action_status" DEFAULT 'selected' NOT NULL,
	"origin_action_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "actions_nodeId_unique" UNIQUE("node_id"),
	CONSTRAINT "actions_rationale_not_blank" CHECK (length(trim("actions"."rationale")) > 0)
);
--> statement-breakpoint
CREATE TABLE "measurements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"period" text NOT NULL,
	"value" double precision NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"entered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "measurements_planId_period_unique" UNIQUE("plan_id","period"),
	CONSTRAINT "measurements_period" CHECK ("measurements"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"due" date NOT NULL,
	"title" text NOT NULL,
	"status" "milestone_status" DEFAULT 'planned' NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "milestones_title_not_blank" CHECK (length(trim("milestones"."title")) > 0)
);
--> statement-breakpoint
CREATE TABLE "pdca_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"assessment" "pdca_assessment" NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"next_actions" text DEFAULT '' NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pdca_reviews_engagementId_fiscalYear_unique" UNIQUE("engagement_id","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "roadmap_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"start_month" text NOT NULL,
	"end_month" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadmap_items_actionId_unique" UNIQUE("action_id"),
	CONSTRAINT "roadmap_items_months" CHECK ("roadmap_items"."start_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' and "roadmap_items"."end_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "roadmap_items_order" CHECK ("roadmap_items"."start_month" <= "roadmap_items"."end_month")
);
--> statement-breakpoint
CREATE TABLE "verification_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"indicator_id" uuid,
	"indicator_name" text DEFAULT '' NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"baseline_value" double precision,
	"baseline_as_of" text,
	"baseline_note" text,
	"target_value" double precision,
	"target_by" text,
	"timing" text DEFAULT '' NOT NULL,
	"data_source" text DEFAULT '' NOT NULL,
	"responsible" text DEFAULT '' NOT NULL,
	"method" text DEFAULT '' NOT NULL,
	"note" text,
	"origin_plan_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "verification_plans_indicator" CHECK ("verification_plans"."indicator_id" is not null or length(trim("verification_plans"."indicator_name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"engagement_id" uuid,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
ALTER TABLE "municipality_neighbours" ADD CONSTRAINT "municipality_neighbours_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipality_neighbours" ADD CONSTRAINT "municipality_neighbours_neighbour_id_municipalities_id_fk" FOREIGN KEY ("neighbour_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_program_office_of_programs_id_fk" FOREIGN KEY ("program_office_of") REFERENCES "public"."programs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_previous_engagement_id_engagements_id_fk" FOREIGN KEY ("previous_engagement_id") REFERENCES "public"."engagements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observer_grants" ADD CONSTRAINT "observer_grants_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observer_grants" ADD CONSTRAINT "observer_grants_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observer_grants" ADD CONSTRAINT "observer_grants_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_nodes" ADD CONSTRAINT "finding_nodes_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_nodes" ADD CONSTRAINT "finding_nodes_node_id_tree_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."tree_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homework" ADD CONSTRAINT "homework_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homework" ADD CONSTRAINT "homework_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homework" ADD CONSTRAINT "homework_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_node_id_tree_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."tree_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_indicator_value_id_indicator_values_id_fk" FOREIGN KEY ("indicator_value_id") REFERENCES "public"."indicator_values"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tree_nodes" ADD CONSTRAINT "tree_nodes_engagement_id_trees_engagement_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."trees"("engagement_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tree_nodes" ADD CONSTRAINT "tree_nodes_parent_id_tree_nodes_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."tree_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tree_revisions" ADD CONSTRAINT "tree_revisions_engagement_id_trees_engagement_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."trees"("engagement_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tree_revisions" ADD CONSTRAINT "tree_revisions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trees" ADD CONSTRAINT "trees_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_node_id_tree_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."tree_nodes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_origin_action_id_actions_id_fk" FOREIGN KEY ("origin_action_id") REFERENCES "public"."actions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurements" ADD CONSTRAINT "measurements_plan_id_verification_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."verification_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurements" ADD CONSTRAINT "measurements_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pdca_reviews" ADD CONSTRAINT "pdca_reviews_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pdca_reviews" ADD CONSTRAINT "pdca_reviews_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD CONSTRAINT "roadmap_items_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_plans" ADD CONSTRAINT "verification_plans_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_plans" ADD CONSTRAINT "verification_plans_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_plans" ADD CONSTRAINT "verification_plans_origin_plan_id_verification_plans_id_fk" FOREIGN KEY ("origin_plan_id") REFERENCES "public"."verification_plans"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "municipality_neighbours_neighbour_id_index" ON "municipality_neighbours" USING btree ("neighbour_id");--> statement-breakpoint
CREATE INDEX "sessions_user_id_index" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_at_index" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "users_municipality_id_index" ON "users" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "engagements_municipality_id_index" ON "engagements" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "engagements_previous_engagement_id_index" ON "engagements" USING btree ("previous_engagement_id");--> statement-breakpoint
CREATE INDEX "memberships_user_id_index" ON "memberships" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "observer_grants_engagement_id_index" ON "observer_grants" USING btree ("engagement_id");--> statement-breakpoint
CREATE INDEX "observer_grants_municipality_id_index" ON "observer_grants" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "finding_nodes_node_id_index" ON "finding_nodes" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "findings_engagement_id_visibility_index" ON "findings" USING btree ("engagement_id","visibility");--> statement-breakpoint
CREATE INDEX "findings_visit_id_index" ON "findings" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "homework_engagement_id_index" ON "homework" USING btree ("engagement_id");--> statement-breakpoint
CREATE INDEX "homework_assignee_user_id_index" ON "homework" USING btree ("assignee_user_id");--> statement-breakpoint
CREATE INDEX "evidence_node_id_index" ON "evidence" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "evidence_engagement_id_index" ON "evidence" USING btree ("engagement_id");--> statement-breakpoint
CREATE INDEX "tree_nodes_engagement_id_index" ON "tree_nodes" USING btree ("engagement_id");--> statement-breakpoint
CREATE INDEX "tree_nodes_parent_id_index" ON "tree_nodes" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "indicator_values_municipality_id_index" ON "indicator_values" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "actions_engagement_id_index" ON "actions" USING btree ("engagement_id");--> statement-breakpoint
CREATE INDEX "milestones_action_id_due_index" ON "milestones" USING btree ("action_id","due");--> statement-breakpoint
CREATE INDEX "verification_plans_action_id_index" ON "verification_plans" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "audit_log_engagement_id_at_index" ON "audit_log" USING btree ("engagement_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_entity_id_index" ON "audit_log" USING btree ("entity","entity_id");