CREATE TABLE "academic_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"purpose" text NOT NULL,
	"format" text NOT NULL,
	"event_date" date NOT NULL,
	"start_time" text,
	"place" text NOT NULL,
	"hospital_id" uuid,
	"layout" text,
	"budget_fen" bigint NOT NULL,
	"meal_cost_fen" bigint DEFAULT 0 NOT NULL,
	"agenda" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"materials" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"needs_compliance" boolean DEFAULT false NOT NULL,
	"sign_in_token_hash" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "academic_events_sign_in_token_hash_unique" UNIQUE("sign_in_token_hash")
);
--> statement-breakpoint
CREATE TABLE "channel_bills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"bill_no" text NOT NULL,
	"issuer" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date,
	"status" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_customer_id" uuid NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"phone" text,
	"notes" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_customer_status_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_customer_id" uuid NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"changed_on" date NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_health_snapshots" (
	"channel_customer_id" uuid NOT NULL,
	"month" text NOT NULL,
	"score" integer NOT NULL,
	"components" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_health_snapshots_channel_customer_id_month_pk" PRIMARY KEY("channel_customer_id","month")
);
--> statement-breakpoint
CREATE TABLE "channel_incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_customer_id" uuid,
	"source_region" text NOT NULL,
	"product_id" uuid NOT NULL,
	"price_fen" bigint,
	"affected_territory_id" uuid,
	"affected_customer_id" uuid,
	"description" text NOT NULL,
	"opened_on" date NOT NULL,
	"resolved_on" date,
	"loss_claimed_fen" bigint,
	"compensated_fen" bigint,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_licences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"valid_from" date,
	"valid_until" date,
	"notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_order_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_fen" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_customer_id" uuid NOT NULL,
	"order_no" text NOT NULL,
	"order_date" date NOT NULL,
	"contract_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"notes" text,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_orders_order_no_unique" UNIQUE("order_no")
);
--> statement-breakpoint
CREATE TABLE "channel_price_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_customer_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"reported_on" date NOT NULL,
	"level" text NOT NULL,
	"price_fen" bigint NOT NULL,
	"notes" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_products" (
	"product_id" uuid PRIMARY KEY NOT NULL,
	"tier_role" text NOT NULL,
	"lifecycle_stage" text NOT NULL,
	"factory_price_fen" bigint NOT NULL,
	"order_price_fen" bigint NOT NULL,
	"distributor_price_fen" bigint NOT NULL,
	"purchase_price_fen" bigint NOT NULL,
	"retail_price_fen" bigint NOT NULL,
	"min_resale_price_fen" bigint NOT NULL,
	"competitor_name" text,
	"competitor_prices" jsonb,
	"supplied" boolean DEFAULT true NOT NULL,
	"delisted_on" date,
	"replacement_product_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_promises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_customer_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"promise" text NOT NULL,
	"made_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_on" date,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_promotion_payouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"promotion_id" uuid NOT NULL,
	"channel_customer_id" uuid NOT NULL,
	"paid_on" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"form" text NOT NULL,
	"note" text,
	"over_budget_approved_by" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_promotions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"target_kinds" text[] NOT NULL,
	"target_customer_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"product_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"rules" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"budget_fen" bigint NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"owner_id" uuid NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_risk_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"severity" integer NOT NULL,
	"note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_settings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"config" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_shipments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_customer_id" uuid NOT NULL,
	"order_id" uuid,
	"kind" text NOT NULL,
	"shipped_on" date NOT NULL,
	"product_id" uuid NOT NULL,
	"batch_no" text,
	"quantity" integer NOT NULL,
	"unit_price_fen" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	"reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_stock_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_customer_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"reported_on" date NOT NULL,
	"quantity" integer NOT NULL,
	"source" text DEFAULT 'entered' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_tier_prices" (
	"product_id" uuid NOT NULL,
	"distributor_tier" text NOT NULL,
	"supply_price_fen" bigint NOT NULL,
	"min_resale_price_fen" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_tier_prices_product_id_distributor_tier_pk" PRIMARY KEY("product_id","distributor_tier")
);
--> statement-breakpoint
CREATE TABLE "channel_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_customer_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"visit_date" date NOT NULL,
	"type" text NOT NULL,
	"purpose" text NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_warnings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"channel_customer_id" uuid NOT NULL,
	"product_id" uuid,
	"subject_key" text DEFAULT '' NOT NULL,
	"assignee_id" uuid,
	"figure" double precision,
	"threshold" double precision,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"raised_on" date NOT NULL,
	"last_seen_on" date NOT NULL,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone,
	"acknowledge_note" text,
	"resolved_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"step" text NOT NULL,
	"decision" text NOT NULL,
	"decided_by" uuid NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_attendees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"doctor_id" uuid NOT NULL,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signed_in_at" timestamp with time zone,
	"follow_up_id" uuid
);
--> statement-breakpoint
CREATE TABLE "event_speakers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"doctor_id" uuid NOT NULL,
	"role" text NOT NULL,
	"talk_title" text,
	"fee_fen" bigint DEFAULT 0 NOT NULL,
	"travel_fen" bigint DEFAULT 0 NOT NULL,
	"paid_on" date,
	"paid_by" text
);
--> statement-breakpoint
CREATE TABLE "flow_column_mappings" (
	"channel_customer_id" uuid PRIMARY KEY NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "flow_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_customer_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"file_hash" text NOT NULL,
	"period_start" date,
	"period_end" date,
	"status" text DEFAULT 'preview' NOT NULL,
	"mapping" jsonb,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "flow_name_matches" (
	"normalized_name" text PRIMARY KEY NOT NULL,
	"hospital_id" uuid,
	"buyer_customer_id" uuid,
	"confirmed_by" uuid NOT NULL,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "flow_rows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"import_id" uuid NOT NULL,
	"channel_customer_id" uuid NOT NULL,
	"row_no" integer NOT NULL,
	"sale_date" date NOT NULL,
	"product_id" uuid,
	"product_name" text NOT NULL,
	"buyer_name" text NOT NULL,
	"department_name" text,
	"hospital_id" uuid,
	"department_id" uuid,
	"buyer_customer_id" uuid,
	"match_status" text NOT NULL,
	"match_score" double precision,
	"quantity" integer NOT NULL,
	"unit_price_fen" bigint,
	"amount_fen" bigint,
	"batch_no" text,
	"raw" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_customer_id" uuid NOT NULL,
	"entry_date" date NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"due_date" date,
	"shipment_id" uuid,
	"bill_id" uuid,
	"client_id" uuid,
	"note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_entries_client_id_unique" UNIQUE("client_id")
);
--> statement-breakpoint
CREATE TABLE "ledger_reconciliations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_customer_id" uuid NOT NULL,
	"period_end" date NOT NULL,
	"our_balance_fen" bigint NOT NULL,
	"their_balance_fen" bigint NOT NULL,
	"confirmed_by_name" text NOT NULL,
	"note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rebate_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"product_id" uuid,
	"distributor_tier" text,
	"kind" text NOT NULL,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rule" text,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_contract_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"specification" text,
	"quantity" integer NOT NULL,
	"unit_price_fen" bigint NOT NULL,
	"amount_fen" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_customer_id" uuid NOT NULL,
	"contract_no" text NOT NULL,
	"signed_on" date NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"payment_method" text NOT NULL,
	"payment_term_days" integer,
	"transport" text,
	"freight_paid_by" text,
	"delivery_place" text,
	"delivery_time" text,
	"rewards" text,
	"quality_terms" text,
	"exemptions" text,
	"disputes" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supply_contracts_contract_no_unique" UNIQUE("contract_no")
);
--> statement-breakpoint
CREATE TABLE "survey_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL,
	"doctor_id" uuid,
	"hospital_id" uuid,
	"channel_customer_id" uuid,
	"sent_by" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"price_score" integer,
	"efficacy_score" integer,
	"service_score" integer,
	"answers" jsonb,
	"comment" text,
	CONSTRAINT "survey_invitations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "survey_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"audience" text NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "channel_customers" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "channel_customers" ADD COLUMN "distributor_tier" text;--> statement-breakpoint
ALTER TABLE "channel_customers" ADD COLUMN "terminal_tier" text;--> statement-breakpoint
ALTER TABLE "channel_customers" ADD COLUMN "authorised_cities" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_customers" ADD COLUMN "authorised_hospital_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_customers" ADD COLUMN "authorised_customer_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_customers" ADD COLUMN "credit_limit_fen" bigint;--> statement-breakpoint
ALTER TABLE "channel_customers" ADD COLUMN "payment_terms" text;--> statement-breakpoint
ALTER TABLE "channel_customers" ADD COLUMN "payment_term_days" integer;--> statement-breakpoint
ALTER TABLE "channel_customers" ADD COLUMN "satisfaction" integer;--> statement-breakpoint
ALTER TABLE "channel_customers" ADD COLUMN "personality_type" text;--> statement-breakpoint
ALTER TABLE "channel_customers" ADD COLUMN "relationship_stage" integer;--> statement-breakpoint
ALTER TABLE "channel_customers" ADD COLUMN "status" text DEFAULT 'designated' NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_customers" ADD COLUMN "notes" text;--> statement-breakpoint
ALTER TABLE "academic_events" ADD CONSTRAINT "academic_events_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academic_events" ADD CONSTRAINT "academic_events_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_bills" ADD CONSTRAINT "channel_bills_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_bills" ADD CONSTRAINT "channel_bills_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_bills" ADD CONSTRAINT "channel_bills_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_contacts" ADD CONSTRAINT "channel_contacts_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_customer_status_history" ADD CONSTRAINT "channel_customer_status_history_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_customer_status_history" ADD CONSTRAINT "channel_customer_status_history_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_health_snapshots" ADD CONSTRAINT "channel_health_snapshots_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_incidents" ADD CONSTRAINT "channel_incidents_source_customer_id_channel_customers_id_fk" FOREIGN KEY ("source_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_incidents" ADD CONSTRAINT "channel_incidents_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_incidents" ADD CONSTRAINT "channel_incidents_affected_territory_id_territories_id_fk" FOREIGN KEY ("affected_territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_incidents" ADD CONSTRAINT "channel_incidents_affected_customer_id_channel_customers_id_fk" FOREIGN KEY ("affected_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_incidents" ADD CONSTRAINT "channel_incidents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_licences" ADD CONSTRAINT "channel_licences_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_order_lines" ADD CONSTRAINT "channel_order_lines_order_id_channel_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."channel_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_order_lines" ADD CONSTRAINT "channel_order_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_orders" ADD CONSTRAINT "channel_orders_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_orders" ADD CONSTRAINT "channel_orders_contract_id_supply_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."supply_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_orders" ADD CONSTRAINT "channel_orders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_price_reports" ADD CONSTRAINT "channel_price_reports_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_price_reports" ADD CONSTRAINT "channel_price_reports_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_price_reports" ADD CONSTRAINT "channel_price_reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_products" ADD CONSTRAINT "channel_products_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_products" ADD CONSTRAINT "channel_products_replacement_product_id_products_id_fk" FOREIGN KEY ("replacement_product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_promises" ADD CONSTRAINT "channel_promises_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_promises" ADD CONSTRAINT "channel_promises_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_promotion_payouts" ADD CONSTRAINT "channel_promotion_payouts_promotion_id_channel_promotions_id_fk" FOREIGN KEY ("promotion_id") REFERENCES "public"."channel_promotions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_promotion_payouts" ADD CONSTRAINT "channel_promotion_payouts_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_promotion_payouts" ADD CONSTRAINT "channel_promotion_payouts_over_budget_approved_by_users_id_fk" FOREIGN KEY ("over_budget_approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_promotion_payouts" ADD CONSTRAINT "channel_promotion_payouts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_promotions" ADD CONSTRAINT "channel_promotions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_promotions" ADD CONSTRAINT "channel_promotions_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_risk_events" ADD CONSTRAINT "channel_risk_events_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_risk_events" ADD CONSTRAINT "channel_risk_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_settings" ADD CONSTRAINT "channel_settings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_shipments" ADD CONSTRAINT "channel_shipments_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_shipments" ADD CONSTRAINT "channel_shipments_order_id_channel_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."channel_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_shipments" ADD CONSTRAINT "channel_shipments_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_shipments" ADD CONSTRAINT "channel_shipments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_stock_reports" ADD CONSTRAINT "channel_stock_reports_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_stock_reports" ADD CONSTRAINT "channel_stock_reports_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_stock_reports" ADD CONSTRAINT "channel_stock_reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_tier_prices" ADD CONSTRAINT "channel_tier_prices_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_visits" ADD CONSTRAINT "channel_visits_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_visits" ADD CONSTRAINT "channel_visits_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_warnings" ADD CONSTRAINT "channel_warnings_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_warnings" ADD CONSTRAINT "channel_warnings_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_warnings" ADD CONSTRAINT "channel_warnings_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_warnings" ADD CONSTRAINT "channel_warnings_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_approvals" ADD CONSTRAINT "event_approvals_event_id_academic_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."academic_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_approvals" ADD CONSTRAINT "event_approvals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_attendees" ADD CONSTRAINT "event_attendees_event_id_academic_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."academic_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_attendees" ADD CONSTRAINT "event_attendees_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_attendees" ADD CONSTRAINT "event_attendees_follow_up_id_follow_ups_id_fk" FOREIGN KEY ("follow_up_id") REFERENCES "public"."follow_ups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_speakers" ADD CONSTRAINT "event_speakers_event_id_academic_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."academic_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_speakers" ADD CONSTRAINT "event_speakers_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_column_mappings" ADD CONSTRAINT "flow_column_mappings_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_column_mappings" ADD CONSTRAINT "flow_column_mappings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_imports" ADD CONSTRAINT "flow_imports_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_imports" ADD CONSTRAINT "flow_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_name_matches" ADD CONSTRAINT "flow_name_matches_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_name_matches" ADD CONSTRAINT "flow_name_matches_buyer_customer_id_channel_customers_id_fk" FOREIGN KEY ("buyer_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_name_matches" ADD CONSTRAINT "flow_name_matches_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_rows" ADD CONSTRAINT "flow_rows_import_id_flow_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."flow_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_rows" ADD CONSTRAINT "flow_rows_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_rows" ADD CONSTRAINT "flow_rows_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_rows" ADD CONSTRAINT "flow_rows_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_rows" ADD CONSTRAINT "flow_rows_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_rows" ADD CONSTRAINT "flow_rows_buyer_customer_id_channel_customers_id_fk" FOREIGN KEY ("buyer_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_shipment_id_channel_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."channel_shipments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_reconciliations" ADD CONSTRAINT "ledger_reconciliations_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_reconciliations" ADD CONSTRAINT "ledger_reconciliations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_policies" ADD CONSTRAINT "rebate_policies_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_contract_lines" ADD CONSTRAINT "supply_contract_lines_contract_id_supply_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."supply_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_contract_lines" ADD CONSTRAINT "supply_contract_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_contracts" ADD CONSTRAINT "supply_contracts_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_contracts" ADD CONSTRAINT "supply_contracts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_template_id_survey_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."survey_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_templates" ADD CONSTRAINT "survey_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "academic_events_owner_idx" ON "academic_events" USING btree ("owner_id","event_date");--> statement-breakpoint
CREATE INDEX "channel_bills_customer_idx" ON "channel_bills" USING btree ("channel_customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_bills_no_uq" ON "channel_bills" USING btree ("kind","bill_no");--> statement-breakpoint
CREATE INDEX "channel_contacts_customer_idx" ON "channel_contacts" USING btree ("channel_customer_id");--> statement-breakpoint
CREATE INDEX "channel_status_history_customer_idx" ON "channel_customer_status_history" USING btree ("channel_customer_id","changed_on");--> statement-breakpoint
CREATE INDEX "channel_incidents_opened_idx" ON "channel_incidents" USING btree ("opened_on");--> statement-breakpoint
CREATE INDEX "channel_licences_customer_idx" ON "channel_licences" USING btree ("channel_customer_id");--> statement-breakpoint
CREATE INDEX "channel_licences_valid_until_idx" ON "channel_licences" USING btree ("valid_until");--> statement-breakpoint
CREATE INDEX "channel_order_lines_order_idx" ON "channel_order_lines" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "channel_orders_customer_date_idx" ON "channel_orders" USING btree ("channel_customer_id","order_date");--> statement-breakpoint
CREATE INDEX "channel_price_reports_customer_idx" ON "channel_price_reports" USING btree ("channel_customer_id","product_id","reported_on");--> statement-breakpoint
CREATE INDEX "channel_promises_customer_idx" ON "channel_promises" USING btree ("channel_customer_id","status");--> statement-breakpoint
CREATE INDEX "channel_promotion_payouts_promotion_idx" ON "channel_promotion_payouts" USING btree ("promotion_id");--> statement-breakpoint
CREATE INDEX "channel_promotions_owner_idx" ON "channel_promotions" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "channel_risk_events_customer_idx" ON "channel_risk_events" USING btree ("channel_customer_id","occurred_on");--> statement-breakpoint
CREATE INDEX "channel_shipments_customer_date_idx" ON "channel_shipments" USING btree ("channel_customer_id","shipped_on");--> statement-breakpoint
CREATE INDEX "channel_shipments_product_idx" ON "channel_shipments" USING btree ("product_id","shipped_on");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_stock_reports_uq" ON "channel_stock_reports" USING btree ("channel_customer_id","product_id","reported_on");--> statement-breakpoint
CREATE INDEX "channel_visits_customer_date_idx" ON "channel_visits" USING btree ("channel_customer_id","visit_date");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_warnings_uq" ON "channel_warnings" USING btree ("kind","channel_customer_id","product_id","subject_key");--> statement-breakpoint
CREATE INDEX "channel_warnings_status_idx" ON "channel_warnings" USING btree ("status","raised_on");--> statement-breakpoint
CREATE INDEX "channel_warnings_assignee_idx" ON "channel_warnings" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE INDEX "event_approvals_event_idx" ON "event_approvals" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_attendees_uq" ON "event_attendees" USING btree ("event_id","doctor_id");--> statement-breakpoint
CREATE INDEX "event_attendees_doctor_idx" ON "event_attendees" USING btree ("doctor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_speakers_uq" ON "event_speakers" USING btree ("event_id","doctor_id");--> statement-breakpoint
CREATE INDEX "event_speakers_doctor_idx" ON "event_speakers" USING btree ("doctor_id");--> statement-breakpoint
CREATE INDEX "flow_imports_customer_idx" ON "flow_imports" USING btree ("channel_customer_id","status");--> statement-breakpoint
CREATE INDEX "flow_rows_import_idx" ON "flow_rows" USING btree ("import_id","row_no");--> statement-breakpoint
CREATE INDEX "flow_rows_customer_date_idx" ON "flow_rows" USING btree ("channel_customer_id","sale_date");--> statement-breakpoint
CREATE INDEX "flow_rows_hospital_idx" ON "flow_rows" USING btree ("hospital_id","sale_date");--> statement-breakpoint
CREATE INDEX "flow_rows_buyer_idx" ON "flow_rows" USING btree ("buyer_customer_id","sale_date");--> statement-breakpoint
CREATE INDEX "ledger_entries_customer_date_idx" ON "ledger_entries" USING btree ("channel_customer_id","entry_date");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_reconciliations_uq" ON "ledger_reconciliations" USING btree ("channel_customer_id","period_end");--> statement-breakpoint
CREATE INDEX "supply_contract_lines_contract_idx" ON "supply_contract_lines" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "supply_contracts_customer_idx" ON "supply_contracts" USING btree ("channel_customer_id");--> statement-breakpoint
CREATE INDEX "survey_invitations_doctor_idx" ON "survey_invitations" USING btree ("doctor_id","answered_at");--> statement-breakpoint
CREATE INDEX "survey_invitations_channel_customer_idx" ON "survey_invitations" USING btree ("channel_customer_id","answered_at");--> statement-breakpoint
CREATE INDEX "survey_invitations_sent_by_idx" ON "survey_invitations" USING btree ("sent_by");--> statement-breakpoint
CREATE INDEX "channel_customers_kind_idx" ON "channel_customers" USING btree ("kind");--> statement-breakpoint
ALTER TABLE "channel_customers" ADD CONSTRAINT "channel_customers_code_unique" UNIQUE("code");