ALTER TABLE "tree_revisions" ALTER COLUMN "nodes" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "tree_revisions" ADD COLUMN "delta" jsonb;--> statement-breakpoint
ALTER TABLE "tree_revisions" ADD CONSTRAINT "tree_revisions_snapshot_or_delta" CHECK (("tree_revisions"."nodes" is null) <> ("tree_revisions"."delta" is null));--> statement-breakpoint
-- Existing revisions are full snapshots. Keep the first, every 50th and those that changed at least half
-- the tree; every other one becomes its delta against the revision before it (nodes added or changed,
-- as they stood after it, and the ids removed). The api rebuilds any revision from the last snapshot
-- and the deltas after it (tree.repository findRevisionNodes).
WITH d AS (
  SELECT t.engagement_id, t.revision, jsonb_array_length(t.nodes) AS size,
    coalesce((SELECT jsonb_agg(x.n) FROM (SELECT jsonb_array_elements(t.nodes) EXCEPT SELECT jsonb_array_elements(p.nodes)) AS x(n)), '[]'::jsonb) AS set,
    coalesce((SELECT jsonb_agg(x.id) FROM (SELECT o -> 'id' FROM jsonb_array_elements(p.nodes) AS o EXCEPT SELECT n -> 'id' FROM jsonb_array_elements(t.nodes) AS n) AS x(id)), '[]'::jsonb) AS removed
  FROM "tree_revisions" t
  JOIN "tree_revisions" p ON p.engagement_id = t.engagement_id AND p.revision = t.revision - 1
  WHERE t.revision % 50 <> 0
)
UPDATE "tree_revisions" r SET "delta" = jsonb_build_object('set', d.set, 'removed', d.removed), "nodes" = NULL
FROM d
WHERE r.engagement_id = d.engagement_id AND r.revision = d.revision
  AND (jsonb_array_length(d.set) + jsonb_array_length(d.removed)) * 2 < d.size;
