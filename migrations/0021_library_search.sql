CREATE TABLE "tree_node_sources" (
	"node_id" uuid PRIMARY KEY NOT NULL,
	"engagement_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"source_engagement_id" uuid NOT NULL,
	"source_node_id" uuid NOT NULL,
	"source_node_title" text NOT NULL,
	"municipality_name" text NOT NULL,
	"report_title" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"revision" integer NOT NULL,
	"adopted_by" uuid,
	"adopted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "search_vector" "tsvector";--> statement-breakpoint
ALTER TABLE "tree_node_sources" ADD CONSTRAINT "tree_node_sources_node_id_tree_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."tree_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tree_node_sources" ADD CONSTRAINT "tree_node_sources_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tree_node_sources" ADD CONSTRAINT "tree_node_sources_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tree_node_sources" ADD CONSTRAINT "tree_node_sources_adopted_by_users_id_fk" FOREIGN KEY ("adopted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tree_node_sources_engagement_id_index" ON "tree_node_sources" USING btree ("engagement_id");--> statement-breakpoint
CREATE INDEX "tree_node_sources_report_id_index" ON "tree_node_sources" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "reports_search_vector_idx" ON "reports" USING gin ("search_vector");