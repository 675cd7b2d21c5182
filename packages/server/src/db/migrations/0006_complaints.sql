CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"doctor_id" uuid,
	"hospital_id" uuid,
	"channel_customer_id" uuid,
	"product_id" uuid,
	"issue_type" text NOT NULL,
	"severity" text DEFAULT 'normal' NOT NULL,
	"description" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"acknowledge_due_at" timestamp with time zone NOT NULL,
	"close_due_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"empowered_scope" text,
	"urgent_action" text,
	"apologized" boolean DEFAULT false NOT NULL,
	"compensation" text,
	"compensation_fen" integer,
	"action_taken_at" timestamp with time zone,
	"resolution" text,
	"customer_satisfied" boolean,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_channel_customer_id_channel_customers_id_fk" FOREIGN KEY ("channel_customer_id") REFERENCES "public"."channel_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaints_owner_status_idx" ON "complaints" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "complaints_hospital_idx" ON "complaints" USING btree ("hospital_id");--> statement-breakpoint
CREATE INDEX "complaints_channel_customer_idx" ON "complaints" USING btree ("channel_customer_id");