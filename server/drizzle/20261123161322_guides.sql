CREATE TABLE "guide_code_maps" (
	"source" text NOT NULL,
	"list" text NOT NULL,
	"code" text NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guide_code_maps_source_list_code_pk" PRIMARY KEY("source","list","code")
);
--> statement-breakpoint
CREATE TABLE "guide_confirmations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"closed_defects" integer NOT NULL,
	"confirmed_by" uuid NOT NULL,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guide_defects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"guide_id" uuid NOT NULL,
	"check_id" text NOT NULL,
	"element" text NOT NULL,
	"severity" text NOT NULL,
	"path" text NOT NULL,
	"detail" text,
	"ownership" text NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_guide_id" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guide_fault_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid,
	"item_name" text NOT NULL,
	"element" text,
	"description" text NOT NULL,
	"contact" text,
	"ip_hash" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"triage_note" text,
	"triaged_by" uuid,
	"triaged_at" timestamp with time zone,
	"defect_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_guides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"channel" text DEFAULT 'online' NOT NULL,
	"version" integer NOT NULL,
	"guide" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"result" jsonb NOT NULL,
	"link_findings" jsonb,
	"links_checked_at" timestamp with time zone,
	"imported_from" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"item_type" text,
	"unit_id" uuid NOT NULL,
	"line_unit_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_items_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "guide_confirmations" ADD CONSTRAINT "guide_confirmations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_defects" ADD CONSTRAINT "guide_defects_item_id_service_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."service_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_defects" ADD CONSTRAINT "guide_defects_guide_id_service_guides_id_fk" FOREIGN KEY ("guide_id") REFERENCES "public"."service_guides"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_defects" ADD CONSTRAINT "guide_defects_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_defects" ADD CONSTRAINT "guide_defects_closed_guide_id_service_guides_id_fk" FOREIGN KEY ("closed_guide_id") REFERENCES "public"."service_guides"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_fault_reports" ADD CONSTRAINT "guide_fault_reports_item_id_service_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."service_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_fault_reports" ADD CONSTRAINT "guide_fault_reports_defect_id_guide_defects_id_fk" FOREIGN KEY ("defect_id") REFERENCES "public"."guide_defects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_guides" ADD CONSTRAINT "service_guides_item_id_service_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."service_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_items" ADD CONSTRAINT "service_items_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_items" ADD CONSTRAINT "service_items_line_unit_id_units_id_fk" FOREIGN KEY ("line_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "guide_confirmations_unit_idx" ON "guide_confirmations" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "guide_defects_owner_idx" ON "guide_defects" USING btree ("owner_unit_id","status");--> statement-breakpoint
CREATE INDEX "guide_defects_item_idx" ON "guide_defects" USING btree ("item_id","channel","status");--> statement-breakpoint
CREATE UNIQUE INDEX "guide_defects_open_idx" ON "guide_defects" USING btree ("item_id","channel","check_id","path") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "guide_fault_reports_ip_idx" ON "guide_fault_reports" USING btree ("ip_hash","created_at");--> statement-breakpoint
CREATE INDEX "guide_fault_reports_status_idx" ON "guide_fault_reports" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "service_guides_version_idx" ON "service_guides" USING btree ("item_id","channel","version");--> statement-breakpoint
CREATE INDEX "service_guides_created_idx" ON "service_guides" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "service_items_unit_idx" ON "service_items" USING btree ("unit_id");