CREATE TABLE "doctor_ladder_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"doctor_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"from_step" integer,
	"to_step" integer NOT NULL,
	"changed_on" date NOT NULL,
	"changed_by" uuid,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "doctor_product_status" (
	"doctor_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"prescription_status" integer NOT NULL,
	"prescription_potential" integer NOT NULL,
	"grade" text NOT NULL,
	"visits_per_cycle" integer NOT NULL,
	"adoption_step" integer,
	"assessed_on" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "doctor_product_status_doctor_id_product_id_pk" PRIMARY KEY("doctor_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "doctor_profiles" (
	"doctor_id" uuid PRIMARY KEY NOT NULL,
	"birthday" date,
	"birthday_is_lunar" boolean DEFAULT false NOT NULL,
	"mobile" text,
	"wechat" text,
	"family" text,
	"hobbies" text,
	"preferences" text,
	"family_events" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "doctor_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"doctor_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"prescription_status" integer NOT NULL,
	"prescription_potential" integer NOT NULL,
	"grade" text NOT NULL,
	"adoption_step" integer,
	"assessed_on" date NOT NULL,
	"assessed_by" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "doctor_stage_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"doctor_id" uuid NOT NULL,
	"from_stage" integer,
	"to_stage" integer NOT NULL,
	"changed_on" date NOT NULL,
	"changed_by" uuid,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hospital_product_listings" (
	"hospital_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"listed" boolean DEFAULT false NOT NULL,
	"listed_at" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "hospital_product_listings_hospital_id_product_id_pk" PRIMARY KEY("hospital_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "import_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"status" text DEFAULT 'preview' NOT NULL,
	"rows" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "key_account_snapshots" (
	"month" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"value" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "key_account_snapshots_month_owner_id_entity_type_entity_id_pk" PRIMARY KEY("month","owner_id","entity_type","entity_id")
);
--> statement-breakpoint
CREATE TABLE "key_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hospital_id" uuid NOT NULL,
	"department_id" uuid,
	"name" text NOT NULL,
	"name_initials" text DEFAULT '' NOT NULL,
	"function" text NOT NULL,
	"position" text,
	"phone" text,
	"personality_type" text,
	"notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kol_profiles" (
	"doctor_id" uuid PRIMARY KEY NOT NULL,
	"types" text[] DEFAULT '{}'::text[] NOT NULL,
	"policy_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"development_step" text NOT NULL,
	"contact_cadence" text,
	"lock_in_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"last_contact_on" date,
	"notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "saved_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"list_kind" text NOT NULL,
	"name" text NOT NULL,
	"params" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "segmentation_configs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"config" jsonb NOT NULL,
	"regrade_summary" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "structure" text;--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "specialty" text;--> statement-breakpoint
ALTER TABLE "doctors" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "doctors" ADD COLUMN "clinic_schedule" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "doctors" ADD COLUMN "best_visit_time" text;--> statement-breakpoint
ALTER TABLE "doctors" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "doctors" ADD COLUMN "preferred_channel" text;--> statement-breakpoint
ALTER TABLE "doctors" ADD COLUMN "personality_type" text;--> statement-breakpoint
ALTER TABLE "doctors" ADD COLUMN "relationship_stage" integer;--> statement-breakpoint
ALTER TABLE "doctors" ADD COLUMN "notes" text;--> statement-breakpoint
ALTER TABLE "doctors" ADD COLUMN "merged_into" uuid;--> statement-breakpoint
ALTER TABLE "hospitals" ADD COLUMN "drug_use_level" integer;--> statement-breakpoint
ALTER TABLE "hospitals" ADD COLUMN "competitor_count" integer;--> statement-breakpoint
ALTER TABLE "hospitals" ADD COLUMN "competition_strength" integer;--> statement-breakpoint
ALTER TABLE "hospitals" ADD COLUMN "has_dominant_competitor" boolean;--> statement-breakpoint
ALTER TABLE "hospitals" ADD COLUMN "notes" text;--> statement-breakpoint
ALTER TABLE "hospitals" ADD COLUMN "grade" text;--> statement-breakpoint
ALTER TABLE "hospitals" ADD COLUMN "grade_score" integer;--> statement-breakpoint
ALTER TABLE "hospitals" ADD COLUMN "graded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "hospitals" ADD COLUMN "merged_into" uuid;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "target_departments" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "competitor_products" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "key_messages" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "doctor_ladder_history" ADD CONSTRAINT "doctor_ladder_history_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctor_ladder_history" ADD CONSTRAINT "doctor_ladder_history_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctor_ladder_history" ADD CONSTRAINT "doctor_ladder_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctor_product_status" ADD CONSTRAINT "doctor_product_status_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctor_product_status" ADD CONSTRAINT "doctor_product_status_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctor_profiles" ADD CONSTRAINT "doctor_profiles_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctor_scores" ADD CONSTRAINT "doctor_scores_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctor_scores" ADD CONSTRAINT "doctor_scores_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctor_scores" ADD CONSTRAINT "doctor_scores_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctor_stage_history" ADD CONSTRAINT "doctor_stage_history_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctor_stage_history" ADD CONSTRAINT "doctor_stage_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hospital_product_listings" ADD CONSTRAINT "hospital_product_listings_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hospital_product_listings" ADD CONSTRAINT "hospital_product_listings_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hospital_product_listings" ADD CONSTRAINT "hospital_product_listings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_account_snapshots" ADD CONSTRAINT "key_account_snapshots_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_contacts" ADD CONSTRAINT "key_contacts_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_contacts" ADD CONSTRAINT "key_contacts_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kol_profiles" ADD CONSTRAINT "kol_profiles_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segmentation_configs" ADD CONSTRAINT "segmentation_configs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "doctor_ladder_history_doctor_idx" ON "doctor_ladder_history" USING btree ("doctor_id","product_id");--> statement-breakpoint
CREATE INDEX "doctor_product_status_product_grade_idx" ON "doctor_product_status" USING btree ("product_id","grade");--> statement-breakpoint
CREATE INDEX "doctor_scores_doctor_product_idx" ON "doctor_scores" USING btree ("doctor_id","product_id","assessed_on");--> statement-breakpoint
CREATE INDEX "doctor_stage_history_doctor_idx" ON "doctor_stage_history" USING btree ("doctor_id");--> statement-breakpoint
CREATE INDEX "key_contacts_hospital_idx" ON "key_contacts" USING btree ("hospital_id");--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_user_kind_name_uq" ON "saved_views" USING btree ("user_id","list_kind","name");--> statement-breakpoint
CREATE INDEX "segmentation_configs_kind_idx" ON "segmentation_configs" USING btree ("kind","created_at");--> statement-breakpoint
CREATE INDEX "doctors_name_idx" ON "doctors" USING btree ("name");--> statement-breakpoint
CREATE INDEX "doctors_initials_idx" ON "doctors" USING btree ("name_initials");--> statement-breakpoint
CREATE INDEX "hospitals_grade_idx" ON "hospitals" USING btree ("grade");--> statement-breakpoint
ALTER TABLE "doctors" ADD CONSTRAINT "doctors_code_unique" UNIQUE("code");