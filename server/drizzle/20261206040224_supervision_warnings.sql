CREATE TABLE "warning_rule_sets" (
	"version" integer PRIMARY KEY NOT NULL,
	"rules" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warnings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"source_code" text NOT NULL,
	"case_no" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"rule_id" text NOT NULL,
	"rule_kind" text NOT NULL,
	"rule_name" text NOT NULL,
	"severity" text NOT NULL,
	"rule_version" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"explanation" text NOT NULL,
	"facts" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "warning_rule_sets" ADD CONSTRAINT "warning_rule_sets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "warnings_case_rule_idx" ON "warnings" USING btree ("region_code","source_code","case_no","rule_id");--> statement-breakpoint
CREATE INDEX "warnings_unit_at_idx" ON "warnings" USING btree ("unit_id","at");--> statement-breakpoint
CREATE INDEX "cases_updated_idx" ON "cases" USING btree ("updated_at","region_code","source_code","case_no");