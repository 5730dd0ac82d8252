CREATE TABLE "hotline_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"item_id" uuid,
	"item_code" text NOT NULL,
	"guide_id" uuid,
	"phone" text NOT NULL,
	"kind" text NOT NULL,
	"planned_at" timestamp with time zone NOT NULL,
	"checker_id" uuid NOT NULL,
	"outcome" text,
	"seconds_to_answer" integer,
	"note" text,
	"called_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL,
	"defect_id" uuid
);
--> statement-breakpoint
CREATE TABLE "hotline_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"rule" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "hotline_calls" ADD CONSTRAINT "hotline_calls_round_id_hotline_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."hotline_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotline_calls" ADD CONSTRAINT "hotline_calls_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotline_calls" ADD CONSTRAINT "hotline_calls_item_id_service_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."service_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotline_calls" ADD CONSTRAINT "hotline_calls_guide_id_service_guides_id_fk" FOREIGN KEY ("guide_id") REFERENCES "public"."service_guides"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotline_calls" ADD CONSTRAINT "hotline_calls_checker_id_users_id_fk" FOREIGN KEY ("checker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotline_calls" ADD CONSTRAINT "hotline_calls_defect_id_guide_defects_id_fk" FOREIGN KEY ("defect_id") REFERENCES "public"."guide_defects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotline_rounds" ADD CONSTRAINT "hotline_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hotline_calls_round_idx" ON "hotline_calls" USING btree ("round_id","unit_id");--> statement-breakpoint
CREATE INDEX "hotline_calls_checker_idx" ON "hotline_calls" USING btree ("checker_id","planned_at");--> statement-breakpoint
CREATE INDEX "hotline_calls_unit_idx" ON "hotline_calls" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "hotline_rounds_level_idx" ON "hotline_rounds" USING btree ("level","from_date");--> statement-breakpoint
CREATE INDEX "cases_case_no_region_idx" ON "cases" USING btree ("case_no","region_code");