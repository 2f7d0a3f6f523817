/**
 * The database schema, in code; migrations in ./migrations are generated from it (`npm run db:generate`).
 *
 * Sharding rule: every table that belongs to a district carries `district_id` (the future shard key) and
 * every primary and unique key of such a table starts with it. Foreign keys between district-owned tables
 * are composite (district_id, id), so a row can never point into another district by mistake.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  foreignKey,
  geometry,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  FAMILY_RELATIONS,
  ORG_UNIT_KINDS,
  ROLES,
  SCHOOL_STAGES,
  SCOPE_KINDS,
} from '../../shared/contract/domain.js';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const roleEnum = pgEnum('role', ROLES);
export const scopeKindEnum = pgEnum('scope_kind', SCOPE_KINDS);
export const orgUnitKindEnum = pgEnum('org_unit_kind', ORG_UNIT_KINDS);
export const schoolStageEnum = pgEnum('school_stage', SCHOOL_STAGES);
export const familyRelationEnum = pgEnum('family_relation', FAMILY_RELATIONS);
export const genderEnum = pgEnum('gender', ['male', 'female']);

/** 区 — a district with its GB/T 2260 code as the key (e.g. 110105 朝阳区). Reference data, the shard key source. */
export const districts = pgTable('districts', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  sortOrder: smallint('sort_order').notNull(),
  center: geometry('center', { type: 'point', mode: 'xy', srid: 4326 }).notNull(),
});

/** Organisation units of a district: schools, resource units (museums, parks, clinics…) and consultation rooms. */
export const orgUnits = pgTable(
  'org_units',
  {
    districtId: text('district_id')
      .notNull()
      .references(() => districts.id),
    id: uuid('id').notNull().defaultRandom(),
    kind: orgUnitKindEnum('kind').notNull(),
    name: text('name').notNull(),
    /** Only for schools: 小学 / 初中 / 高中. */
    stage: schoolStageEnum('stage'),
    address: text('address'),
    location: geometry('location', { type: 'point', mode: 'xy', srid: 4326 }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('org_units_district_kind_name_uq').on(t.districtId, t.kind, t.name),
    check('org_units_stage_only_for_schools', sql`(${t.kind} = 'school') = (${t.stage} IS NOT NULL)`),
    index('org_units_location_gist').using('gist', t.location),
  ],
);

/** 年级 of a school, numbered 1–12 across stages (7 = 初一, 10 = 高一). */
export const grades = pgTable(
  'grades',
  {
    districtId: text('district_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    schoolId: uuid('school_id').notNull(),
    gradeNumber: smallint('grade_number').notNull(),
    name: text('name').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ columns: [t.districtId, t.schoolId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
    uniqueIndex('grades_school_number_uq').on(t.districtId, t.schoolId, t.gradeNumber),
    // Target of classes' (district, school, grade) key: a class's grade must belong to the class's school.
    unique('grades_school_id_uq').on(t.districtId, t.schoolId, t.id),
    check('grades_number_range', sql`${t.gradeNumber} BETWEEN 1 AND 12`),
  ],
);

/** 班级. */
export const classes = pgTable(
  'classes',
  {
    districtId: text('district_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    schoolId: uuid('school_id').notNull(),
    gradeId: uuid('grade_id').notNull(),
    classNumber: smallint('class_number').notNull(),
    name: text('name').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({
      name: 'classes_grade_in_school_fk',
      columns: [t.districtId, t.schoolId, t.gradeId],
      foreignColumns: [grades.districtId, grades.schoolId, grades.id],
    }),
    // Target of students' and teachers' (district, school, class) keys.
    unique('classes_school_id_uq').on(t.districtId, t.schoolId, t.id),
    uniqueIndex('classes_grade_number_uq').on(t.districtId, t.gradeId, t.classNumber),
    index('classes_school_idx').on(t.districtId, t.schoolId),
    check('classes_number_positive', sql`${t.classNumber} > 0`),
  ],
);

/** 学生 — a minor; every read of a row here is audited. */
export const students = pgTable(
  'students',
  {
    districtId: text('district_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    schoolId: uuid('school_id').notNull(),
    classId: uuid('class_id').notNull(),
    studentNo: text('student_no').notNull(),
    name: text('name').notNull(),
    gender: genderEnum('gender').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    // A student's class must be in the student's school.
    foreignKey({
      name: 'students_class_in_school_fk',
      columns: [t.districtId, t.schoolId, t.classId],
      foreignColumns: [classes.districtId, classes.schoolId, classes.id],
    }),
    foreignKey({ columns: [t.districtId, t.schoolId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
    uniqueIndex('students_school_no_uq').on(t.districtId, t.schoolId, t.studentNo),
    index('students_class_idx').on(t.districtId, t.classId),
    // Bookings and searches name a child by id alone (ids are random UUIDs).
    index('students_id_idx').on(t.id),
    check('students_name_length', sql`char_length(${t.name}) BETWEEN 1 AND 50`),
  ],
);

/** Accounts. Not district-owned: one person may hold roles in several places. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    mobile: text('mobile').unique(),
    displayName: text('display_name').notNull(),
    /** scrypt: `scrypt$N$r$p$salt$hash`; null = cannot sign in (e.g. guardian not yet activated). */
    passwordHash: text('password_hash'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check('users_failed_login_nonnegative', sql`${t.failedLoginCount} >= 0`),
    check('users_mobile_format', sql`${t.mobile} IS NULL OR ${t.mobile} ~ '^1[3-9][0-9]{9}$'`),
  ],
);

/**
 * A role held on one node of the organisation tree. `scopeKind` says which node: the city (no district),
 * a district, a school or resource unit (`orgUnitId`), or a class (`classId`, for teachers).
 */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull(),
    scopeKind: scopeKindEnum('scope_kind').notNull(),
    districtId: text('district_id').references(() => districts.id),
    orgUnitId: uuid('org_unit_id'),
    classId: uuid('class_id'),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.districtId, t.orgUnitId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
    // A teacher's class must be in the school named by org_unit_id.
    foreignKey({
      name: 'role_assignments_class_in_school_fk',
      columns: [t.districtId, t.orgUnitId, t.classId],
      foreignColumns: [classes.districtId, classes.schoolId, classes.id],
    }),
    unique('role_assignments_uq')
      .on(t.userId, t.role, t.scopeKind, t.districtId, t.orgUnitId, t.classId)
      .nullsNotDistinct(),
    index('role_assignments_class_idx').on(t.districtId, t.classId),
    check(
      'role_assignments_scope_shape',
      sql`CASE ${t.scopeKind}
        WHEN 'city' THEN ${t.districtId} IS NULL AND ${t.orgUnitId} IS NULL AND ${t.classId} IS NULL
        WHEN 'district' THEN ${t.districtId} IS NOT NULL AND ${t.orgUnitId} IS NULL AND ${t.classId} IS NULL
        WHEN 'unit' THEN ${t.districtId} IS NOT NULL AND ${t.orgUnitId} IS NOT NULL AND ${t.classId} IS NULL
        WHEN 'class' THEN ${t.districtId} IS NOT NULL AND ${t.orgUnitId} IS NOT NULL AND ${t.classId} IS NOT NULL
      END`,
    ),
  ],
);

/** 家庭关系 — links a guardian account to a student; exactly one primary guardian per student at most. */
export const guardianships = pgTable(
  'guardianships',
  {
    districtId: text('district_id').notNull(),
    studentId: uuid('student_id').notNull(),
    guardianUserId: uuid('guardian_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    relation: familyRelationEnum('relation').notNull(),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.studentId, t.guardianUserId] }),
    foreignKey({ columns: [t.districtId, t.studentId], foreignColumns: [students.districtId, students.id] }).onDelete(
      'cascade',
    ),
    uniqueIndex('guardianships_one_primary_uq').on(t.districtId, t.studentId).where(sql`${t.isPrimary}`),
    index('guardianships_guardian_idx').on(t.guardianUserId),
  ],
);

/** Server-side sessions. `id` is the SHA-256 of the cookie token, so a leaked table cannot be replayed. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    idleTimeoutSeconds: integer('idle_timeout_seconds').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), check('sessions_idle_positive', sql`${t.idleTimeoutSeconds} > 0`)],
);

/** Failed-login counters per client IP (per-account counters live on `users`). */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
});

/**
 * 审计日志 — append-only. City-level table (a city admin's actions have no district); rows about a
 * district's records carry `district_id` and `school_id` so admins search only their subtree.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name'),
    actorRoles: text('actor_roles').notNull(),
    action: text('action').notNull(),
    outcome: text('outcome').notNull(),
    recordType: text('record_type').notNull(),
    recordId: text('record_id'),
    districtId: text('district_id'),
    schoolId: uuid('school_id'),
    studentId: uuid('student_id'),
    purpose: text('purpose').notNull(),
    ip: text('ip'),
    detail: jsonb('detail'),
  },
  (t) => [
    index('audit_events_district_at_idx').on(t.districtId, t.at),
    index('audit_events_school_at_idx').on(t.schoolId, t.at),
    index('audit_events_student_idx').on(t.studentId),
    index('audit_events_at_idx').on(t.at),
    check('audit_events_outcome', sql`${t.outcome} IN ('allowed', 'denied')`),
  ],
);

/**
 * 监护人同意 — append-only history (PIPL art. 31). The newest row per (student, purpose) is the current
 * decision; it counts only if its `policyVersion` is the current one.
 */
export const consents = pgTable(
  'consents',
  {
    districtId: text('district_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    studentId: uuid('student_id').notNull(),
    guardianUserId: uuid('guardian_user_id')
      .notNull()
      .references(() => users.id),
    purpose: text('purpose').notNull(),
    policyVersion: integer('policy_version').notNull(),
    decision: text('decision').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
    ip: text('ip'),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ columns: [t.districtId, t.studentId], foreignColumns: [students.districtId, students.id] }),
    index('consents_student_idx').on(t.districtId, t.studentId, t.purpose, t.decidedAt),
    check('consents_decision', sql`${t.decision} IN ('granted', 'withdrawn')`),
    check('consents_version_positive', sql`${t.policyVersion} > 0`),
  ],
);

/** Small key/value facts about this database (e.g. whether the demo city was seeded). */
export const systemMeta = pgTable('system_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/* ───────────────────────── 京小帮: knowledge base, conversations, crisis follow-up ───────────────────────── */

/** 知识库文章 — city-wide content written by us; `content` holds the structured article (see assistant/knowledge/types.ts). */
export const kbArticles = pgTable(
  'kb_articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    ageBands: text('age_bands').array().notNull(),
    topics: text('topics').array().notNull(),
    content: jsonb('content').notNull(),
    /** Number of indexed tokens, for BM25 length normalisation. */
    tokenCount: integer('token_count').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [check('kb_articles_version_positive', sql`${t.version} > 0`)],
);

/** Every saved version of an article (admins edit in the UI; nothing is lost). */
export const kbArticleVersions = pgTable(
  'kb_article_versions',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    content: jsonb('content').notNull(),
    editedBy: uuid('edited_by').references(() => users.id),
    editedAt: timestamp('edited_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.version] })],
);

/** Inverted index: segmented term → article with its term frequency (BM25 in SQL). */
export const kbTerms = pgTable(
  'kb_terms',
  {
    term: text('term').notNull(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    tf: real('tf').notNull(),
    /**
     * The term's precomputed BM25 contribution to this article (idf × saturated, length-normalised tf),
     * refreshed for all rows whenever an article changes, so a query is one indexed join and a sum.
     */
    weight: real('weight').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.term, t.articleId] }), index('kb_terms_article_idx').on(t.articleId)],
);

/** A guardian's conversation with 京小帮. Sensitive: owner-only, audited. */
export const assistantConversations = pgTable(
  'assistant_conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    studentId: uuid('student_id'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assistant_conversations_user_idx').on(t.userId, t.updatedAt)],
);

export const assistantMessages = pgTable(
  'assistant_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => assistantConversations.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    content: text('content').notNull(),
    crisis: boolean('crisis').notNull().default(false),
    citations: jsonb('citations').notNull().default([]),
    source: text('source').notNull().default('offline'),
    /** What the answer offered when it was given: actions, crisis categories and case, personalisation. */
    meta: jsonb('meta').notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index('assistant_messages_conversation_idx').on(t.conversationId, t.id),
    check('assistant_messages_role', sql`${t.role} IN ('user', 'assistant')`),
  ],
);

/**
 * 危机跟进个案 — every crisis answer opens one in the district's counsellor queue; a human takes over.
 * Status only moves forward (open → seen → contacted → closed), enforced by conditional updates.
 */
export const crisisCases = pgTable(
  'crisis_cases',
  {
    districtId: text('district_id')
      .notNull()
      .references(() => districts.id),
    id: uuid('id').notNull().defaultRandom(),
    guardianUserId: uuid('guardian_user_id')
      .notNull()
      .references(() => users.id),
    studentId: uuid('student_id'),
    categories: text('categories').array().notNull(),
    excerpt: text('excerpt').notNull(),
    alertHeadTeacher: boolean('alert_head_teacher').notNull().default(false),
    status: text('status').notNull().default('open'),
    createdAt: createdAt(),
    seenAt: timestamp('seen_at', { withTimezone: true }),
    contactedAt: timestamp('contacted_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    handledBy: uuid('handled_by').references(() => users.id),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('crisis_cases_queue_idx').on(t.districtId, t.status, t.createdAt),
    check('crisis_cases_status', sql`${t.status} IN ('open', 'seen', 'contacted', 'closed')`),
  ],
);

/* ───────────────────────── 沉浸式家庭情景训练: scenario sessions ───────────────────────── */

/** One rehearsal of a scenario by a guardian: the turns so far and, when finished, the scores. */
export const scenarioSessions = pgTable(
  'scenario_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scenarioSlug: text('scenario_slug').notNull(),
    status: text('status').notNull().default('active'),
    /** The current node of the branching dialogue. */
    nodeId: text('node_id').notNull(),
    turns: jsonb('turns').notNull().default([]),
    scores: jsonb('scores'),
    total: smallint('total'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('scenario_sessions_user_idx').on(t.userId, t.startedAt),
    check('scenario_sessions_status', sql`${t.status} IN ('active', 'finished')`),
    check('scenario_sessions_total_range', sql`${t.total} IS NULL OR ${t.total} BETWEEN 0 AND 100`),
  ],
);

/* ───────────────────────── 教育新地图: resources, schedules, slots, bookings ───────────────────────── */

/**
 * The taxonomy (tags as data). City-wide reference data: ids are stable "facet:code", labels editable.
 * Modelled on Open Referral HSDS `taxonomy_term`.
 */
export const taxonomyTerms = pgTable(
  'taxonomy_terms',
  {
    id: text('id').primaryKey(),
    facet: text('facet').notNull(),
    label: text('label').notNull(),
    color: text('color'),
    ageMin: smallint('age_min'),
    ageMax: smallint('age_max'),
    sortOrder: smallint('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('taxonomy_terms_facet', sql`${t.facet} IN ('domain', 'type', 'theme', 'age', 'price', 'access')`),
    check('taxonomy_terms_id_shape', sql`${t.id} ~ '^[a-z]+:[A-Za-z0-9_-]+$' AND split_part(${t.id}, ':', 1) = ${t.facet}`),
  ],
);

/**
 * 资源 — one service offered at one location by a resource unit (HSDS service + location + service_at_location,
 * collapsed because every service here has exactly one place; export splits them again).
 * `terms` holds taxonomy ids; `search_tokens` the jieba tokens of name, keywords, description and term labels.
 */
export const resources = pgTable(
  'resources',
  {
    districtId: text('district_id')
      .notNull()
      .references(() => districts.id),
    id: uuid('id').notNull().defaultRandom(),
    orgUnitId: uuid('org_unit_id').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    address: text('address').notNull(),
    location: geometry('location', { type: 'point', mode: 'xy', srid: 4326 }).notNull(),
    phone: text('phone'),
    terms: text('terms').array().notNull().default(sql`'{}'::text[]`),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    nameTokens: text('name_tokens').array().notNull().default(sql`'{}'::text[]`),
    searchTokens: text('search_tokens').array().notNull().default(sql`'{}'::text[]`),
    ageMin: smallint('age_min').notNull().default(3),
    ageMax: smallint('age_max').notNull().default(18),
    /** Weekly opening pattern {days: ['TU',…], opens: 'HH:MM', closes: 'HH:MM'}; closures are dates closed. */
    openingHours: jsonb('opening_hours').notNull(),
    closures: date('closures', { mode: 'string' }).array().notNull().default(sql`'{}'::date[]`),
    /** Families may cancel a confirmed booking until this many minutes before it starts. */
    cancelBeforeMinutes: integer('cancel_before_minutes').notNull().default(120),
    status: text('status').notNull().default('active'),
    /** Last time the unit confirmed this listing is accurate; older than 6 months shows as stale. */
    verifiedAt: timestamp('verified_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ columns: [t.districtId, t.orgUnitId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
    index('resources_unit_idx').on(t.districtId, t.orgUnitId),
    // The API addresses rows by id alone (ids are random UUIDs); the district comes from the row.
    index('resources_id_idx').on(t.id),
    index('resources_location_gist').using('gist', t.location),
    index('resources_terms_gin').using('gin', t.terms),
    index('resources_tokens_gin').using('gin', t.searchTokens),
    check('resources_status', sql`${t.status} IN ('active', 'suspended')`),
    check('resources_ages', sql`${t.ageMin} BETWEEN 0 AND 18 AND ${t.ageMax} BETWEEN ${t.ageMin} AND 18`),
    check('resources_cancel_window', sql`${t.cancelBeforeMinutes} BETWEEN 0 AND 10080`),
  ],
);

/** A weekly programme schedule as an iCalendar RRULE (HSDS `schedule`); slots are generated from it. */
export const resourceSchedules = pgTable(
  'resource_schedules',
  {
    districtId: text('district_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    resourceId: uuid('resource_id').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** e.g. FREQ=WEEKLY;BYDAY=SA,SU;BYHOUR=9,14;BYMINUTE=30 (times in Asia/Shanghai). */
    rrule: text('rrule').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    durationMinutes: smallint('duration_minutes').notNull(),
    capacity: integer('capacity').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ columns: [t.districtId, t.resourceId], foreignColumns: [resources.districtId, resources.id] }).onDelete(
      'cascade',
    ),
    index('resource_schedules_resource_idx').on(t.districtId, t.resourceId),
    check('resource_schedules_duration', sql`${t.durationMinutes} BETWEEN 15 AND 720`),
    check('resource_schedules_capacity', sql`${t.capacity} BETWEEN 1 AND 10000`),
  ],
);

/**
 * 时段 — one bookable session. `taken` counts held + confirmed + checked-in seats; the CHECK makes
 * overbooking impossible whatever the application does, and seats are taken by one conditional UPDATE.
 */
export const slots = pgTable(
  'slots',
  {
    districtId: text('district_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    resourceId: uuid('resource_id').notNull(),
    scheduleId: uuid('schedule_id'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    taken: integer('taken').notNull().default(0),
    status: text('status').notNull().default('open'),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ columns: [t.districtId, t.resourceId], foreignColumns: [resources.districtId, resources.id] }).onDelete(
      'cascade',
    ),
    uniqueIndex('slots_resource_start_uq').on(t.districtId, t.resourceId, t.startsAt),
    index('slots_id_idx').on(t.id),
    check('slots_taken_within_capacity', sql`${t.taken} >= 0 AND ${t.taken} <= ${t.capacity}`),
    check('slots_status', sql`${t.status} IN ('open', 'closed')`),
    check('slots_times', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** 预约 — a family's booking of a slot for one child. Lives in the resource's district. */
export const bookings = pgTable(
  'bookings',
  {
    districtId: text('district_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    slotId: uuid('slot_id').notNull(),
    resourceId: uuid('resource_id').notNull(),
    guardianUserId: uuid('guardian_user_id')
      .notNull()
      .references(() => users.id),
    /** The child may live in another district than the venue: a plain reference, checked by the service. */
    studentDistrictId: text('student_district_id').notNull(),
    studentId: uuid('student_id').notNull(),
    status: text('status').notNull(),
    holdExpiresAt: timestamp('hold_expires_at', { withTimezone: true }),
    checkInCode: text('check_in_code').notNull(),
    cancelledBy: text('cancelled_by'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    promotedAt: timestamp('promoted_at', { withTimezone: true }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    attendanceBy: uuid('attendance_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ columns: [t.districtId, t.slotId], foreignColumns: [slots.districtId, slots.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.districtId, t.resourceId], foreignColumns: [resources.districtId, resources.id] }).onDelete(
      'cascade',
    ),
    // One live booking per child per slot.
    uniqueIndex('bookings_child_slot_live_uq')
      .on(t.districtId, t.slotId, t.studentDistrictId, t.studentId)
      .where(sql`${t.status} IN ('held', 'confirmed', 'waitlisted', 'checkedIn')`),
    uniqueIndex('bookings_check_in_code_uq').on(t.districtId, t.checkInCode),
    index('bookings_slot_status_idx').on(t.districtId, t.slotId, t.status, t.createdAt),
    index('bookings_guardian_idx').on(t.guardianUserId, t.createdAt),
    index('bookings_id_idx').on(t.id),
    check(
      'bookings_status',
      sql`${t.status} IN ('held', 'confirmed', 'waitlisted', 'cancelled', 'checkedIn', 'noShow', 'expired')`,
    ),
    check('bookings_hold_has_expiry', sql`(${t.status} = 'held') <= (${t.holdExpiresAt} IS NOT NULL)`),
    check('bookings_cancelled_by', sql`(${t.status} = 'cancelled') = (${t.cancelledBy} IS NOT NULL)`),
    check('bookings_cancelled_by_values', sql`${t.cancelledBy} IS NULL OR ${t.cancelledBy} IN ('family', 'venue')`),
  ],
);

/** Idempotency-Key store: a retried request with the same key returns the first answer (RFC draft semantics). */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    operation: text('operation').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: smallint('status_code').notNull(),
    response: jsonb('response').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
