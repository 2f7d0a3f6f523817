CREATE TYPE "public"."family_relation" AS ENUM('father', 'mother', 'paternalGrandfather', 'paternalGrandmother', 'maternalGrandfather', 'maternalGrandmother', 'otherGuardian');--> statement-breakpoint
CREATE TYPE "public"."gender" AS ENUM('male', 'female');--> statement-breakpoint
CREATE TYPE "public"."org_unit_kind" AS ENUM('school', 'resourceUnit', 'consultationRoom');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('guardian', 'teacher', 'headTeacher', 'schoolAdmin', 'districtAdmin', 'cityAdmin', 'resourceStaff', 'counselor', 'volunteer');--> statement-breakpoint
CREATE TYPE "public"."school_stage" AS ENUM('primary', 'junior', 'senior');--> statement-breakpoint
CREATE TYPE "public"."scope_kind" AS ENUM('city', 'district', 'unit', 'class');--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_name" text,
	"actor_roles" text NOT NULL,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"record_type" text NOT NULL,
	"record_id" text,
	"district_id" text,
	"school_id" uuid,
	"student_id" uuid,
	"purpose" text NOT NULL,
	"ip" text,
	"detail" jsonb,
	CONSTRAINT "audit_events_outcome" CHECK ("audit_events"."outcome" IN ('allowed', 'denied'))
);
--> statement-breakpoint
CREATE TABLE "classes" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"grade_id" uuid NOT NULL,
	"class_number" smallint NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "classes_district_id_id_pk" PRIMARY KEY("district_id","id"),
	CONSTRAINT "classes_number_positive" CHECK ("classes"."class_number" > 0)
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"student_id" uuid NOT NULL,
	"guardian_user_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"policy_version" integer NOT NULL,
	"decision" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip" text,
	CONSTRAINT "consents_district_id_id_pk" PRIMARY KEY("district_id","id"),
	CONSTRAINT "consents_decision" CHECK ("consents"."decision" IN ('granted', 'withdrawn')),
	CONSTRAINT "consents_version_positive" CHECK ("consents"."policy_version" > 0)
);
--> statement-breakpoint
CREATE TABLE "districts" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sort_order" smallint NOT NULL,
	"center" geometry(point, 4326) NOT NULL,
	CONSTRAINT "districts_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "grades" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"grade_number" smallint NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "grades_district_id_id_pk" PRIMARY KEY("district_id","id"),
	CONSTRAINT "grades_number_range" CHECK ("grades"."grade_number" BETWEEN 1 AND 12)
);
--> statement-breakpoint
CREATE TABLE "guardianships" (
	"district_id" text NOT NULL,
	"student_id" uuid NOT NULL,
	"guardian_user_id" uuid NOT NULL,
	"relation" "family_relation" NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guardianships_district_id_student_id_guardian_user_id_pk" PRIMARY KEY("district_id","student_id","guardian_user_id")
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"blocked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "org_units" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" "org_unit_kind" NOT NULL,
	"name" text NOT NULL,
	"stage" "school_stage",
	"address" text,
	"location" geometry(point, 4326),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_units_district_id_id_pk" PRIMARY KEY("district_id","id"),
	CONSTRAINT "org_units_stage_only_for_schools" CHECK (("org_units"."kind" = 'school') = ("org_units"."stage" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "role_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"scope_kind" "scope_kind" NOT NULL,
	"district_id" text,
	"org_unit_id" uuid,
	"class_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "role_assignments_uq" UNIQUE NULLS NOT DISTINCT("user_id","role","scope_kind","district_id","org_unit_id","class_id"),
	CONSTRAINT "role_assignments_scope_shape" CHECK (CASE "role_assignments"."scope_kind"
        WHEN 'city' THEN "role_assignments"."district_id" IS NULL AND "role_assignments"."org_unit_id" IS NULL AND "role_assignments"."class_id" IS NULL
        WHEN 'district' THEN "role_assignments"."district_id" IS NOT NULL AND "role_assignments"."org_unit_id" IS NULL AND "role_assignments"."class_id" IS NULL
        WHEN 'unit' THEN "role_assignments"."district_id" IS NOT NULL AND "role_assignments"."org_unit_id" IS NOT NULL AND "role_assignments"."class_id" IS NULL
        WHEN 'class' THEN "role_assignments"."district_id" IS NOT NULL AND "role_assignments"."org_unit_id" IS NOT NULL AND "role_assignments"."class_id" IS NOT NULL
      END)
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"idle_timeout_seconds" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"ip" text,
	"user_agent" text,
	CONSTRAINT "sessions_idle_positive" CHECK ("sessions"."idle_timeout_seconds" > 0)
);
--> statement-breakpoint
CREATE TABLE "students" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"student_no" text NOT NULL,
	"name" text NOT NULL,
	"gender" "gender" NOT NULL,
	"birth_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "students_district_id_id_pk" PRIMARY KEY("district_id","id"),
	CONSTRAINT "students_name_length" CHECK (char_length("students"."name") BETWEEN 1 AND 50)
);
--> statement-breakpoint
CREATE TABLE "system_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"mobile" text,
	"display_name" text NOT NULL,
	"password_hash" text,
	"password_changed_at" timestamp with time zone,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"failed_login_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username"),
	CONSTRAINT "users_mobile_unique" UNIQUE("mobile"),
	CONSTRAINT "users_failed_login_nonnegative" CHECK ("users"."failed_login_count" >= 0),
	CONSTRAINT "users_mobile_format" CHECK ("users"."mobile" IS NULL OR "users"."mobile" ~ '^1[3-9][0-9]{9}$')
);
--> statement-breakpoint
ALTER TABLE "classes" ADD CONSTRAINT "classes_district_id_grade_id_grades_district_id_id_fk" FOREIGN KEY ("district_id","grade_id") REFERENCES "public"."grades"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_guardian_user_id_users_id_fk" FOREIGN KEY ("guardian_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_district_id_student_id_students_district_id_id_fk" FOREIGN KEY ("district_id","student_id") REFERENCES "public"."students"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grades" ADD CONSTRAINT "grades_district_id_school_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","school_id") REFERENCES "public"."org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardianships" ADD CONSTRAINT "guardianships_guardian_user_id_users_id_fk" FOREIGN KEY ("guardian_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardianships" ADD CONSTRAINT "guardianships_district_id_student_id_students_district_id_id_fk" FOREIGN KEY ("district_id","student_id") REFERENCES "public"."students"("district_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_units" ADD CONSTRAINT "org_units_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_district_id_org_unit_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","org_unit_id") REFERENCES "public"."org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_district_id_class_id_classes_district_id_id_fk" FOREIGN KEY ("district_id","class_id") REFERENCES "public"."classes"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "students" ADD CONSTRAINT "students_district_id_class_id_classes_district_id_id_fk" FOREIGN KEY ("district_id","class_id") REFERENCES "public"."classes"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "students" ADD CONSTRAINT "students_district_id_school_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","school_id") REFERENCES "public"."org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_district_at_idx" ON "audit_events" USING btree ("district_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_school_at_idx" ON "audit_events" USING btree ("school_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_student_idx" ON "audit_events" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "classes_grade_number_uq" ON "classes" USING btree ("district_id","grade_id","class_number");--> statement-breakpoint
CREATE INDEX "classes_school_idx" ON "classes" USING btree ("district_id","school_id");--> statement-breakpoint
CREATE INDEX "consents_student_idx" ON "consents" USING btree ("district_id","student_id","purpose","decided_at");--> statement-breakpoint
CREATE UNIQUE INDEX "grades_school_number_uq" ON "grades" USING btree ("district_id","school_id","grade_number");--> statement-breakpoint
CREATE UNIQUE INDEX "guardianships_one_primary_uq" ON "guardianships" USING btree ("district_id","student_id") WHERE "guardianships"."is_primary";--> statement-breakpoint
CREATE INDEX "guardianships_guardian_idx" ON "guardianships" USING btree ("guardian_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "org_units_district_kind_name_uq" ON "org_units" USING btree ("district_id","kind","name");--> statement-breakpoint
CREATE INDEX "org_units_location_gist" ON "org_units" USING gist ("location");--> statement-breakpoint
CREATE INDEX "role_assignments_class_idx" ON "role_assignments" USING btree ("district_id","class_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "students_school_no_uq" ON "students" USING btree ("district_id","school_id","student_no");--> statement-breakpoint
CREATE INDEX "students_class_idx" ON "students" USING btree ("district_id","class_id");