-- Unique keys first: the new foreign keys reference them.
ALTER TABLE "classes" DROP CONSTRAINT "classes_district_id_grade_id_grades_district_id_id_fk";
--> statement-breakpoint
ALTER TABLE "role_assignments" DROP CONSTRAINT "role_assignments_district_id_class_id_classes_district_id_id_fk";
--> statement-breakpoint
ALTER TABLE "students" DROP CONSTRAINT "students_district_id_class_id_classes_district_id_id_fk";
--> statement-breakpoint
ALTER TABLE "classes" ADD CONSTRAINT "classes_school_id_uq" UNIQUE("district_id","school_id","id");
--> statement-breakpoint
ALTER TABLE "grades" ADD CONSTRAINT "grades_school_id_uq" UNIQUE("district_id","school_id","id");
--> statement-breakpoint
ALTER TABLE "classes" ADD CONSTRAINT "classes_grade_in_school_fk" FOREIGN KEY ("district_id","school_id","grade_id") REFERENCES "public"."grades"("district_id","school_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_class_in_school_fk" FOREIGN KEY ("district_id","org_unit_id","class_id") REFERENCES "public"."classes"("district_id","school_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "students" ADD CONSTRAINT "students_class_in_school_fk" FOREIGN KEY ("district_id","school_id","class_id") REFERENCES "public"."classes"("district_id","school_id","id") ON DELETE no action ON UPDATE no action;
