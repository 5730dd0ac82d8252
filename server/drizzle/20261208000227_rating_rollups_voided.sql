ALTER TABLE "rating_rollups" ADD COLUMN "voided" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rating_rollups_monthly" ADD COLUMN "voided" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Reviews voided before this column existed: their ratings counted into it now.
UPDATE "rating_rollups" ro SET "voided" = v.n FROM (
  SELECT r.region_code, r.unit_id, coalesce(r.item_code, '') AS item_code, r.channel, (r.rated_at at time zone 'UTC' + interval '8 hours')::date AS day, count(*)::int AS n
  FROM ratings r JOIN bad_reviews b ON b.rating_id = r.id
  WHERE b.status = 'voided' AND r.kind = 'first' AND NOT r.is_default AND r.level <= 2
  GROUP BY 1, 2, 3, 4, 5
) v WHERE ro.region_code = v.region_code AND ro.unit_id = v.unit_id AND ro.item_code = v.item_code AND ro.channel = v.channel AND ro.day = v.day;--> statement-breakpoint
UPDATE "rating_rollups_monthly" ro SET "voided" = v.n FROM (
  SELECT r.region_code, r.unit_id, coalesce(r.item_code, '') AS item_code, r.channel, date_trunc('month', (r.rated_at at time zone 'UTC' + interval '8 hours')::date)::date AS day, count(*)::int AS n
  FROM ratings r JOIN bad_reviews b ON b.rating_id = r.id
  WHERE b.status = 'voided' AND r.kind = 'first' AND NOT r.is_default AND r.level <= 2
  GROUP BY 1, 2, 3, 4, 5
) v WHERE ro.region_code = v.region_code AND ro.unit_id = v.unit_id AND ro.item_code = v.item_code AND ro.channel = v.channel AND ro.day = v.day;
