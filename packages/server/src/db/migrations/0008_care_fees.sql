CREATE TABLE "care_fee_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"budget_fen" bigint NOT NULL,
	"rate_per_unit_fen" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_fee_claim_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"channel_customer_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"net_sales_quantity" integer NOT NULL,
	"net_sales_fen" bigint NOT NULL,
	"collected_fen" bigint NOT NULL,
	"collection_rate" double precision NOT NULL,
	"requested_fen" bigint NOT NULL,
	"payable_fen" bigint NOT NULL,
	"recipient_role" text NOT NULL,
	"special_application_id" uuid,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "care_fee_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"month" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"requested_fen" bigint DEFAULT 0 NOT NULL,
	"payable_fen" bigint DEFAULT 0 NOT NULL,
	"advance_fen" bigint,
	"paid_on" date,
	"submitted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_fee_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"step" text NOT NULL,
	"decision" text NOT NULL,
	"signed_by" uuid NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_fee_special_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"channel_customer_id" uuid NOT NULL,
	"product_id" uuid,
	"amount_fen" bigint NOT NULL,
	"reason" text NOT NULL,
	"contract_date" date NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"approved_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_fee_spot_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"checked_by" uuid NOT NULL,
	"checked_on" date NOT NULL,
	"results" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_fee_spot_checks_claim_id_unique" UNIQUE("claim_id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "duties" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "care_fee_accounts" ADD CONSTRAINT "care_fee_accounts_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_fee_claim_lines" ADD CONSTRAINT "care_fee_claim_lines_claim_id_care_fee_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."care_fee_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_fee_claim_lines" ADD CONSTRAINT "care_fee_claim_lines_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_fee_claim_lines" ADD CONSTRAINT "care_fee_claim_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_fee_claims" ADD CONSTRAINT "care_fee_claims_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_fee_signatures" ADD CONSTRAINT "care_fee_signatures_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_fee_special_applications" ADD CONSTRAINT "care_fee_special_applications_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_fee_special_applications" ADD CONSTRAINT "care_fee_special_applications_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_fee_special_applications" ADD CONSTRAINT "care_fee_special_applications_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_fee_spot_checks" ADD CONSTRAINT "care_fee_spot_checks_claim_id_care_fee_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."care_fee_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_fee_spot_checks" ADD CONSTRAINT "care_fee_spot_checks_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "care_fee_accounts_uq" ON "care_fee_accounts" USING btree ("product_id","year");--> statement-breakpoint
CREATE INDEX "care_fee_claim_lines_claim_idx" ON "care_fee_claim_lines" USING btree ("claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "care_fee_claims_owner_month_uq" ON "care_fee_claims" USING btree ("owner_id","month");--> statement-breakpoint
CREATE INDEX "care_fee_signatures_subject_idx" ON "care_fee_signatures" USING btree ("subject","subject_id");--> statement-breakpoint
CREATE INDEX "care_fee_special_applications_customer_idx" ON "care_fee_special_applications" USING btree ("channel_customer_id");