CREATE TABLE "calendar_days" (
	"region_code" text DEFAULT '' NOT NULL,
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"name" text,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_days_region_code_date_pk" PRIMARY KEY("region_code","date")
);
--> statement-breakpoint
CREATE TABLE "calendar_years" (
	"region_code" text DEFAULT '' NOT NULL,
	"year" integer NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_years_region_code_year_pk" PRIMARY KEY("region_code","year")
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"region_code" text NOT NULL,
	"source_code" text NOT NULL,
	"case_no" text NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone,
	"handler" text,
	"sign_key_id" text,
	"job_id" uuid,
	CONSTRAINT "case_events_region_code_source_code_case_no_seq_pk" PRIMARY KEY("region_code","source_code","case_no","seq")
);
--> statement-breakpoint
CREATE TABLE "case_rollups" (
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
	CONSTRAINT "case_rollups_region_code_unit_id_item_code_channel_case_type_day_pk" PRIMARY KEY("region_code","unit_id","item_code","channel","case_type","day")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"region_code" text NOT NULL,
	"source_code" text NOT NULL,
	"case_no" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"item_id" uuid,
	"item_version" text,
	"situation" text,
	"applicant_type" text,
	"applicant_hash" text,
	"applicant_masked" text,
	"channel" text NOT NULL,
	"case_type" text NOT NULL,
	"applied_at" timestamp with time zone,
	"accepted_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"result" text,
	"legal_limit" integer,
	"legal_limit_unit" text,
	"promised_limit" integer,
	"promised_limit_unit" text,
	"visits" integer,
	"materials_reused" boolean,
	"fee" numeric(14, 2),
	"uploaded_at" timestamp with time zone,
	"elapsed_days" integer,
	"due_at" timestamp with time zone,
	"quality" jsonb,
	"job_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_region_code_source_code_case_no_pk" PRIMARY KEY("region_code","source_code","case_no")
);
--> statement-breakpoint
CREATE TABLE "ingest_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"source_code" text NOT NULL,
	"file_name" text NOT NULL,
	"storage_key" text NOT NULL,
	"file_sha256" text NOT NULL,
	"bytes_total" bigint NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"rows_accepted" integer DEFAULT 0 NOT NULL,
	"rows_quarantined" integer DEFAULT 0 NOT NULL,
	"committed_rows" integer DEFAULT 0 NOT NULL,
	"bytes_read" bigint DEFAULT 0 NOT NULL,
	"error" jsonb,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ingest_quarantine" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ingest_quarantine_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"job_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"unit_code" text,
	"unit_id" uuid,
	"raw" jsonb NOT NULL,
	"reasons" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ingest_sources" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ingest_quarantine" ADD CONSTRAINT "ingest_quarantine_job_id_ingest_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."ingest_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_rollups_unit_day_idx" ON "case_rollups" USING btree ("unit_id","day");--> statement-breakpoint
CREATE INDEX "cases_unit_accepted_idx" ON "cases" USING btree ("unit_id","accepted_at");--> statement-breakpoint
CREATE INDEX "cases_item_idx" ON "cases" USING btree ("item_code");--> statement-breakpoint
CREATE INDEX "ingest_jobs_status_idx" ON "ingest_jobs" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ingest_quarantine_line_idx" ON "ingest_quarantine" USING btree ("job_id","line");--> statement-breakpoint
CREATE INDEX "ingest_quarantine_unit_idx" ON "ingest_quarantine" USING btree ("unit_id");