CREATE TABLE "step_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_type" text,
	"owner_id" uuid,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"mime_type" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "step_attachments" ADD CONSTRAINT "step_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "step_attachments_owner_idx" ON "step_attachments" USING btree ("owner_type","owner_id");--> statement-breakpoint
CREATE INDEX "step_attachments_uploader_idx" ON "step_attachments" USING btree ("uploaded_by","uploaded_at");