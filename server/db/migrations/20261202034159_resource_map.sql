CREATE TABLE "bookings" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"slot_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"guardian_user_id" uuid NOT NULL,
	"student_district_id" text NOT NULL,
	"student_id" uuid NOT NULL,
	"status" text NOT NULL,
	"hold_expires_at" timestamp with time zone,
	"check_in_code" text NOT NULL,
	"cancelled_by" text,
	"cancelled_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"promoted_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"attendance_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bookings_district_id_id_pk" PRIMARY KEY("district_id","id"),
	CONSTRAINT "bookings_status" CHECK ("bookings"."status" IN ('held', 'confirmed', 'waitlisted', 'cancelled', 'checkedIn', 'noShow', 'expired')),
	CONSTRAINT "bookings_hold_has_expiry" CHECK (("bookings"."status" = 'held') <= ("bookings"."hold_expires_at" IS NOT NULL)),
	CONSTRAINT "bookings_cancelled_by" CHECK (("bookings"."status" = 'cancelled') = ("bookings"."cancelled_by" IS NOT NULL)),
	CONSTRAINT "bookings_cancelled_by_values" CHECK ("bookings"."cancelled_by" IS NULL OR "bookings"."cancelled_by" IN ('family', 'venue'))
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"operation" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" smallint NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "resource_schedules" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"rrule" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"duration_minutes" smallint NOT NULL,
	"capacity" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_schedules_district_id_id_pk" PRIMARY KEY("district_id","id"),
	CONSTRAINT "resource_schedules_duration" CHECK ("resource_schedules"."duration_minutes" BETWEEN 15 AND 720),
	CONSTRAINT "resource_schedules_capacity" CHECK ("resource_schedules"."capacity" BETWEEN 1 AND 10000)
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"address" text NOT NULL,
	"location" geometry(point, 4326) NOT NULL,
	"phone" text,
	"terms" text[] DEFAULT '{}'::text[] NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"name_tokens" text[] DEFAULT '{}'::text[] NOT NULL,
	"search_tokens" text[] DEFAULT '{}'::text[] NOT NULL,
	"age_min" smallint DEFAULT 3 NOT NULL,
	"age_max" smallint DEFAULT 18 NOT NULL,
	"opening_hours" jsonb NOT NULL,
	"closures" date[] DEFAULT '{}'::date[] NOT NULL,
	"cancel_before_minutes" integer DEFAULT 120 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"verified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resources_district_id_id_pk" PRIMARY KEY("district_id","id"),
	CONSTRAINT "resources_status" CHECK ("resources"."status" IN ('active', 'suspended')),
	CONSTRAINT "resources_ages" CHECK ("resources"."age_min" BETWEEN 0 AND 18 AND "resources"."age_max" BETWEEN "resources"."age_min" AND 18),
	CONSTRAINT "resources_cancel_window" CHECK ("resources"."cancel_before_minutes" BETWEEN 0 AND 10080)
);
--> statement-breakpoint
CREATE TABLE "slots" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"schedule_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"taken" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	CONSTRAINT "slots_district_id_id_pk" PRIMARY KEY("district_id","id"),
	CONSTRAINT "slots_taken_within_capacity" CHECK ("slots"."taken" >= 0 AND "slots"."taken" <= "slots"."capacity"),
	CONSTRAINT "slots_status" CHECK ("slots"."status" IN ('open', 'closed')),
	CONSTRAINT "slots_times" CHECK ("slots"."ends_at" > "slots"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "taxonomy_terms" (
	"id" text PRIMARY KEY NOT NULL,
	"facet" text NOT NULL,
	"label" text NOT NULL,
	"color" text,
	"age_min" smallint,
	"age_max" smallint,
	"sort_order" smallint DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "taxonomy_terms_facet" CHECK ("taxonomy_terms"."facet" IN ('domain', 'type', 'theme', 'age', 'price', 'access')),
	CONSTRAINT "taxonomy_terms_id_shape" CHECK ("taxonomy_terms"."id" ~ '^[a-z]+:[A-Za-z0-9_-]+$' AND split_part("taxonomy_terms"."id", ':', 1) = "taxonomy_terms"."facet")
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_guardian_user_id_users_id_fk" FOREIGN KEY ("guardian_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_attendance_by_users_id_fk" FOREIGN KEY ("attendance_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_district_id_slot_id_slots_district_id_id_fk" FOREIGN KEY ("district_id","slot_id") REFERENCES "public"."slots"("district_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_district_id_resource_id_resources_district_id_id_fk" FOREIGN KEY ("district_id","resource_id") REFERENCES "public"."resources"("district_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_schedules" ADD CONSTRAINT "resource_schedules_district_id_resource_id_resources_district_id_id_fk" FOREIGN KEY ("district_id","resource_id") REFERENCES "public"."resources"("district_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_district_id_org_unit_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","org_unit_id") REFERENCES "public"."org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_district_id_resource_id_resources_district_id_id_fk" FOREIGN KEY ("district_id","resource_id") REFERENCES "public"."resources"("district_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_child_slot_live_uq" ON "bookings" USING btree ("district_id","slot_id","student_district_id","student_id") WHERE "bookings"."status" IN ('held', 'confirmed', 'waitlisted', 'checkedIn');--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_check_in_code_uq" ON "bookings" USING btree ("district_id","check_in_code");--> statement-breakpoint
CREATE INDEX "bookings_slot_status_idx" ON "bookings" USING btree ("district_id","slot_id","status","created_at");--> statement-breakpoint
CREATE INDEX "bookings_guardian_idx" ON "bookings" USING btree ("guardian_user_id","created_at");--> statement-breakpoint
CREATE INDEX "bookings_id_idx" ON "bookings" USING btree ("id");--> statement-breakpoint
CREATE INDEX "resource_schedules_resource_idx" ON "resource_schedules" USING btree ("district_id","resource_id");--> statement-breakpoint
CREATE INDEX "resources_unit_idx" ON "resources" USING btree ("district_id","org_unit_id");--> statement-breakpoint
CREATE INDEX "resources_id_idx" ON "resources" USING btree ("id");--> statement-breakpoint
CREATE INDEX "resources_location_gist" ON "resources" USING gist ("location");--> statement-breakpoint
CREATE INDEX "resources_terms_gin" ON "resources" USING gin ("terms");--> statement-breakpoint
CREATE INDEX "resources_tokens_gin" ON "resources" USING gin ("search_tokens");--> statement-breakpoint
CREATE UNIQUE INDEX "slots_resource_start_uq" ON "slots" USING btree ("district_id","resource_id","starts_at");--> statement-breakpoint
CREATE INDEX "slots_id_idx" ON "slots" USING btree ("id");