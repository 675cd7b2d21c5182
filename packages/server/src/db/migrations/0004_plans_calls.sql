CREATE TABLE "call_amendments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"amended_by" uuid NOT NULL,
	"reason" text NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"doctor_id" uuid NOT NULL,
	"hospital_id" uuid NOT NULL,
	"planned_call_id" uuid,
	"type" text NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"call_date" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"attendees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"product_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"products" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"objectives" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"objective_count" integer DEFAULT 0 NOT NULL,
	"preparation_done" boolean,
	"opening" text,
	"needs_found" text,
	"benefits_presented" text,
	"objections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"commitment" text,
	"next_step" text,
	"next_step_due" date,
	"score_updates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notes" text,
	"latitude" double precision,
	"longitude" double precision,
	"location_accuracy_m" integer,
	"distance_to_hospital_m" integer,
	"submitted_at" timestamp with time zone,
	"amendment_count" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "co_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"manager_id" uuid NOT NULL,
	"rep_id" uuid NOT NULL,
	"evaluations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"strengths" text,
	"improvements" text,
	"acknowledged_at" timestamp with time zone,
	"rep_comment" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cycle_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"cycle_start" date NOT NULL,
	"cycle_end" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"working_days" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"hospital_days" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"develop_department_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"develop_doctor_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"promotional_activities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notes" text,
	"quality" jsonb,
	"under_served" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"generated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid,
	"owner_id" uuid NOT NULL,
	"doctor_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolution_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "planned_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_plan_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"doctor_id" uuid NOT NULL,
	"hospital_id" uuid NOT NULL,
	"date" date NOT NULL,
	"half_day" text NOT NULL,
	"start_time" text,
	"end_time" text,
	"place" text,
	"locked" boolean DEFAULT false NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"objectives" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"product_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"key_messages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"expected_objections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "planning_settings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"config" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "weekly_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"goals" text,
	"notes" text,
	"submitted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hospitals" ADD COLUMN "latitude" double precision;--> statement-breakpoint
ALTER TABLE "hospitals" ADD COLUMN "longitude" double precision;--> statement-breakpoint
ALTER TABLE "call_amendments" ADD CONSTRAINT "call_amendments_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_amendments" ADD CONSTRAINT "call_amendments_amended_by_users_id_fk" FOREIGN KEY ("amended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_planned_call_id_planned_calls_id_fk" FOREIGN KEY ("planned_call_id") REFERENCES "public"."planned_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_visits" ADD CONSTRAINT "co_visits_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_visits" ADD CONSTRAINT "co_visits_manager_id_users_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_visits" ADD CONSTRAINT "co_visits_rep_id_users_id_fk" FOREIGN KEY ("rep_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_plans" ADD CONSTRAINT "cycle_plans_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_calls" ADD CONSTRAINT "planned_calls_cycle_plan_id_cycle_plans_id_fk" FOREIGN KEY ("cycle_plan_id") REFERENCES "public"."cycle_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_calls" ADD CONSTRAINT "planned_calls_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_calls" ADD CONSTRAINT "planned_calls_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_calls" ADD CONSTRAINT "planned_calls_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning_settings" ADD CONSTRAINT "planning_settings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_plans" ADD CONSTRAINT "weekly_plans_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_amendments_call_idx" ON "call_amendments" USING btree ("call_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calls_owner_client_uq" ON "calls" USING btree ("owner_id","client_id");--> statement-breakpoint
CREATE INDEX "calls_owner_date_idx" ON "calls" USING btree ("owner_id","call_date");--> statement-breakpoint
CREATE INDEX "calls_doctor_date_idx" ON "calls" USING btree ("doctor_id","call_date");--> statement-breakpoint
CREATE INDEX "calls_hospital_date_idx" ON "calls" USING btree ("hospital_id","call_date");--> statement-breakpoint
CREATE UNIQUE INDEX "co_visits_call_uq" ON "co_visits" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "co_visits_rep_idx" ON "co_visits" USING btree ("rep_id");--> statement-breakpoint
CREATE INDEX "co_visits_manager_idx" ON "co_visits" USING btree ("manager_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cycle_plans_owner_cycle_uq" ON "cycle_plans" USING btree ("owner_id","cycle_start");--> statement-breakpoint
CREATE INDEX "follow_ups_owner_status_due_idx" ON "follow_ups" USING btree ("owner_id","status","due_date");--> statement-breakpoint
CREATE INDEX "follow_ups_doctor_idx" ON "follow_ups" USING btree ("doctor_id");--> statement-breakpoint
CREATE INDEX "planned_calls_owner_date_idx" ON "planned_calls" USING btree ("owner_id","date");--> statement-breakpoint
CREATE INDEX "planned_calls_plan_idx" ON "planned_calls" USING btree ("cycle_plan_id");--> statement-breakpoint
CREATE INDEX "planned_calls_doctor_idx" ON "planned_calls" USING btree ("doctor_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "weekly_plans_owner_week_uq" ON "weekly_plans" USING btree ("owner_id","week_start");