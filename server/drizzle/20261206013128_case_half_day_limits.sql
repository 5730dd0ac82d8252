ALTER TABLE "case_rollups" ALTER COLUMN "legal_days_sum" SET DATA TYPE numeric(16, 1);--> statement-breakpoint
ALTER TABLE "case_rollups" ALTER COLUMN "promised_days_sum" SET DATA TYPE numeric(16, 1);--> statement-breakpoint
ALTER TABLE "case_rollups_monthly" ALTER COLUMN "legal_days_sum" SET DATA TYPE numeric(16, 1);--> statement-breakpoint
ALTER TABLE "case_rollups_monthly" ALTER COLUMN "promised_days_sum" SET DATA TYPE numeric(16, 1);--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "legal_limit" SET DATA TYPE numeric(6, 1);--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "promised_limit" SET DATA TYPE numeric(6, 1);