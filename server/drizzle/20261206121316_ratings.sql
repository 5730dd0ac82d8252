CREATE TABLE "bad_review_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"step" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "bad_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rating_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"status" text DEFAULT 'verifying' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"verify_due_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"appeal_kind" text,
	"appeal_reason" text,
	"appealed_at" timestamp with time zone,
	"decide_due_at" timestamp with time zone,
	"decision" text,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"rectify_due_at" timestamp with time zone,
	"rectified_at" timestamp with time zone,
	"rectify_result" text,
	"revisited_at" timestamp with time zone,
	"follow_up_rating_id" uuid,
	"follow_up_level" integer,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bad_reviews_rating_id_unique" UNIQUE("rating_id")
);
--> statement-breakpoint
CREATE TABLE "rating_loop_settings" (
	"region_code" text PRIMARY KEY NOT NULL,
	"verify_days" integer NOT NULL,
	"rectify_days" integer NOT NULL,
	"decide_days" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_rollups" (
	"region_code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"channel" text NOT NULL,
	"day" date NOT NULL,
	"level1" integer DEFAULT 0 NOT NULL,
	"level2" integer DEFAULT 0 NOT NULL,
	"level3" integer DEFAULT 0 NOT NULL,
	"level4" integer DEFAULT 0 NOT NULL,
	"level5" integer DEFAULT 0 NOT NULL,
	"defaults" integer DEFAULT 0 NOT NULL,
	"follow_ups" integer DEFAULT 0 NOT NULL,
	"follow_ups_bad" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rating_rollups_region_code_unit_id_item_code_channel_day_pk" PRIMARY KEY("region_code","unit_id","item_code","channel","day")
);
--> statement-breakpoint
CREATE TABLE "rating_rollups_monthly" (
	"region_code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"channel" text NOT NULL,
	"day" date NOT NULL,
	"level1" integer DEFAULT 0 NOT NULL,
	"level2" integer DEFAULT 0 NOT NULL,
	"level3" integer DEFAULT 0 NOT NULL,
	"level4" integer DEFAULT 0 NOT NULL,
	"level5" integer DEFAULT 0 NOT NULL,
	"defaults" integer DEFAULT 0 NOT NULL,
	"follow_ups" integer DEFAULT 0 NOT NULL,
	"follow_ups_bad" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rating_rollups_monthly_region_code_unit_id_item_code_channel_day_pk" PRIMARY KEY("region_code","unit_id","item_code","channel","day")
);
--> statement-breakpoint
CREATE TABLE "ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_code" text NOT NULL,
	"rating_no" text NOT NULL,
	"origin" text DEFAULT 'import' NOT NULL,
	"kind" text DEFAULT 'first' NOT NULL,
	"region_code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"item_code" text,
	"case_no" text,
	"case_known" boolean DEFAULT false NOT NULL,
	"channel" text NOT NULL,
	"level" integer NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"content" text,
	"rated_at" timestamp with time zone NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"rater_hash" text,
	"rater_masked" text,
	"job_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bad_review_steps" ADD CONSTRAINT "bad_review_steps_review_id_bad_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."bad_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bad_review_steps" ADD CONSTRAINT "bad_review_steps_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bad_reviews" ADD CONSTRAINT "bad_reviews_rating_id_ratings_id_fk" FOREIGN KEY ("rating_id") REFERENCES "public"."ratings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bad_reviews" ADD CONSTRAINT "bad_reviews_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bad_reviews" ADD CONSTRAINT "bad_reviews_follow_up_rating_id_ratings_id_fk" FOREIGN KEY ("follow_up_rating_id") REFERENCES "public"."ratings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_loop_settings" ADD CONSTRAINT "rating_loop_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bad_review_steps_review_idx" ON "bad_review_steps" USING btree ("review_id","at");--> statement-breakpoint
CREATE INDEX "bad_reviews_unit_opened_idx" ON "bad_reviews" USING btree ("unit_id","opened_at");--> statement-breakpoint
CREATE INDEX "bad_reviews_status_idx" ON "bad_reviews" USING btree ("status");--> statement-breakpoint
CREATE INDEX "rating_rollups_unit_day_idx" ON "rating_rollups" USING btree ("unit_id","day");--> statement-breakpoint
CREATE INDEX "rating_rollups_monthly_unit_day_idx" ON "rating_rollups_monthly" USING btree ("unit_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "ratings_source_no_idx" ON "ratings" USING btree ("source_code","rating_no");--> statement-breakpoint
CREATE INDEX "ratings_unit_rated_idx" ON "ratings" USING btree ("unit_id","rated_at");--> statement-breakpoint
CREATE INDEX "ratings_case_idx" ON "ratings" USING btree ("region_code","case_no");