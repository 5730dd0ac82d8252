CREATE TABLE "case_rollups_monthly" (
	"region_code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"channel" text NOT NULL,
	"case_type" text NOT NULL,
	"day" date NOT NULL,
	"accepted" integer DEFAULT 0 NOT NULL,
	"online_accepted" integer DEFAULT 0 NOT NULL,
	"fully_online" integer DEFAULT 0 NOT NULL,
	"instant" integer DEFAULT 0 NOT NULL,
	"completed" integer DEFAULT 0 NOT NULL,
	"completed_on_time" integer DEFAULT 0 NOT NULL,
	"completed_late" integer DEFAULT 0 NOT NULL,
	"clocked" integer DEFAULT 0 NOT NULL,
	"elapsed_days_sum" bigint DEFAULT 0 NOT NULL,
	"promised_clocked" integer DEFAULT 0 NOT NULL,
	"elapsed_to_promised_sum" numeric(18, 6) DEFAULT '0' NOT NULL,
	"limited" integer DEFAULT 0 NOT NULL,
	"legal_days_sum" bigint DEFAULT 0 NOT NULL,
	"promised_days_sum" bigint DEFAULT 0 NOT NULL,
	"visits_counted" integer DEFAULT 0 NOT NULL,
	"visits_sum" bigint DEFAULT 0 NOT NULL,
	"zero_visit" integer DEFAULT 0 NOT NULL,
	"at_most_one_visit" integer DEFAULT 0 NOT NULL,
	"corrected" integer DEFAULT 0 NOT NULL,
	"materials_reused" integer DEFAULT 0 NOT NULL,
	"quality_defective" integer DEFAULT 0 NOT NULL,
	"unknown_item" integer DEFAULT 0 NOT NULL,
	"missing_optional" integer DEFAULT 0 NOT NULL,
	"late_upload" integer DEFAULT 0 NOT NULL,
	"limit_unknown" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "case_rollups_monthly_region_code_unit_id_item_code_channel_case_type_day_pk" PRIMARY KEY("region_code","unit_id","item_code","channel","case_type","day")
);
--> statement-breakpoint
CREATE INDEX "case_rollups_monthly_unit_day_idx" ON "case_rollups_monthly" USING btree ("unit_id","day");--> statement-breakpoint
INSERT INTO "case_rollups_monthly"
SELECT "region_code", "unit_id", "item_code", "channel", "case_type", date_trunc('month', "day")::date,
  sum("accepted"), sum("online_accepted"), sum("fully_online"), sum("instant"), sum("completed"), sum("completed_on_time"),
  sum("completed_late"), sum("clocked"), sum("elapsed_days_sum"), sum("promised_clocked"), sum("elapsed_to_promised_sum"),
  sum("limited"), sum("legal_days_sum"), sum("promised_days_sum"), sum("visits_counted"), sum("visits_sum"), sum("zero_visit"),
  sum("at_most_one_visit"), sum("corrected"), sum("materials_reused"), sum("quality_defective"), sum("unknown_item"),
  sum("missing_optional"), sum("late_upload"), sum("limit_unknown")
FROM "case_rollups" GROUP BY 1, 2, 3, 4, 5, 6;
