/**
 * Builds the synthetic demo city in memory: every row the seeder writes, with ids generated here so the
 * rows can reference each other before anything touches the database. Pure apart from `randomUUID`;
 * all names, counts and dates come from a fixed-seed PRNG and are identical on every run.
 */
import { randomUUID } from 'node:crypto';
import type { InferInsertModel } from 'drizzle-orm';
import { gradeName, type FamilyRelation, type Role, type SchoolStage } from '../../../shared/contract/domain.js';
import type * as schema from '../../db/schema.js';
import {
  BEIJING_DISTRICTS,
  CONSULTATION_ROOM_SUFFIX,
  RESOURCE_UNIT_SUFFIXES,
  districtById,
  type BeijingDistrict,
  type GeoPoint,
} from './districts.js';
import { randomFullName, randomSurname, randomSurnameExcept, type Gender } from './names.js';
import { Random } from './random.js';

export type CitySize = 'demo' | 'test';

/** Exact row counts of a seeded demo city; stored in `system_meta` under `demo_city`. */
export interface SeedSummary {
  districts: number;
  schools: number;
  classes: number;
  students: number;
  /** Distinct accounts linked to at least one student. */
  guardians: number;
  /** Distinct accounts holding `teacher` or `headTeacher` anywhere. */
  teachers: number;
  resourceUnits: number;
  consultationRooms: number;
}

type DistrictRow = InferInsertModel<typeof schema.districts>;
type OrgUnitRow = InferInsertModel<typeof schema.orgUnits> & { id: string };
type GradeRow = InferInsertModel<typeof schema.grades> & { id: string };
type ClassRow = InferInsertModel<typeof schema.classes> & { id: string };
type StudentRow = InferInsertModel<typeof schema.students> & { id: string };
type UserRow = InferInsertModel<typeof schema.users> & { id: string };
type RoleAssignmentRow = InferInsertModel<typeof schema.roleAssignments>;
type GuardianshipRow = InferInsertModel<typeof schema.guardianships>;

/**
 * Every row of the demo city, in insertion (foreign-key) order. Points are lon/lat; Drizzle writes them
 * without an SRID and PostGIS gives them the column's 4326.
 */
export interface DemoCityRows {
  districts: DistrictRow[];
  orgUnits: OrgUnitRow[];
  grades: GradeRow[];
  classes: ClassRow[];
  students: StudentRow[];
  users: UserRow[];
  roleAssignments: RoleAssignmentRow[];
  guardianships: GuardianshipRow[];
}

/** The school year the demo city lives in (2026–27); birth dates and entry years follow from it. */
export const SCHOOL_YEAR_START = 2026;

/** Seed of the PRNG; bump it only if you want a different (but again stable) city. */
const SEED = 'gongyu-demo-city-v1';

interface CityPlan {
  /** Districts with schools, staff and resource units; the other districts exist only as district rows. */
  districts: ReadonlyArray<{ id: string; schools: readonly SchoolStage[] }>;
  classesPerGrade: number;
  studentsPerClass: Readonly<Record<SchoolStage, readonly [min: number, max: number]>>;
  subjectTeachersPerSchool: readonly [min: number, max: number];
}

const FULL_DISTRICT: readonly SchoolStage[] = ['primary', 'primary', 'junior', 'senior'];

const CITY_PLANS: Record<CitySize, CityPlan> = {
  demo: {
    districts: BEIJING_DISTRICTS.map((d) => ({ id: d.id, schools: FULL_DISTRICT })),
    classesPerGrade: 2,
    studentsPerClass: { primary: [12, 16], junior: [14, 18], senior: [14, 18] },
    subjectTeachersPerSchool: [2, 3],
  },
  test: {
    districts: [
      { id: '110101', schools: ['primary', 'junior'] },
      { id: '110102', schools: ['primary'] },
      { id: '110105', schools: ['junior'] },
    ],
    classesPerGrade: 2,
    studentsPerClass: { primary: [3, 4], junior: [3, 4], senior: [3, 4] },
    subjectTeachersPerSchool: [2, 3],
  },
};

const STAGE_GRADES: Record<SchoolStage, readonly number[]> = {
  primary: [1, 2, 3, 4, 5, 6],
  junior: [7, 8, 9],
  senior: [10, 11, 12],
};

/** Which of a district's `schoolPlaces` the first school of each stage is named after. */
const SCHOOL_PLACE_OFFSET: Record<SchoolStage, number> = { primary: 0, junior: 2, senior: 3 };

/** Name endings per stage, by the school's ordinal within its stage in the district. */
const SCHOOL_NAME_SUFFIXES: Record<SchoolStage, readonly string[]> = {
  primary: ['实验小学', '第二小学'],
  junior: ['初级中学', '第二初级中学'],
  senior: ['高级中学', '第二高级中学'],
};

/**
 * Named demo accounts (see shared/demo.ts), the role each holds and where. Places are written as
 * `district/stageOrdinal[/grade-class]` so they mean the same thing in both city sizes. Each replaces the
 * generated account of that role and place, so the city keeps its shape.
 */
export const DEMO_ACCOUNTS = {
  parent1: { role: 'guardian', place: '110101/primary0/3-1', relation: 'mother', mobile: '13800000001' },
  parent2: { role: 'guardian', place: '110105/junior0/8-1', relation: 'father', mobile: '13800000002' },
  teacher1: { role: 'headTeacher', place: '110101/primary0/3-1', mobile: '13800000003' },
  school1: { role: 'schoolAdmin', place: '110101/primary0', mobile: '13800000004' },
  district1: { role: 'districtAdmin', place: '110101', mobile: '13800000005' },
  city1: { role: 'cityAdmin', place: 'city', mobile: '13800000006' },
  venue1: { role: 'resourceStaff', place: '110101/resourceUnit0', mobile: '13800000007' },
  counselor1: { role: 'counselor', place: '110101/consultationRoom0', mobile: '13800000008' },
  /** Extra for tests: teaches another class of parent1's child's school, so must not see that child. */
  teacher2: { role: 'teacher', place: '110101/primary0/3-2', mobile: '13800000009' },
  /** Extra for tests: admin of another district, so must not see district1's records. */
  district2: { role: 'districtAdmin', place: '110105', mobile: '13800000010' },
  volunteer1: { role: 'volunteer', place: '110101', mobile: '13800000011' },
} as const satisfies Record<string, { role: Role; place: string; mobile: string; relation?: FamilyRelation }>;
export type DemoUsername = keyof typeof DEMO_ACCOUNTS;
export const DEMO_USERNAMES = Object.keys(DEMO_ACCOUNTS) as DemoUsername[];

const KINSHIP_WORDS: Record<FamilyRelation, string> = {
  father: '爸爸',
  mother: '妈妈',
  paternalGrandfather: '爷爷',
  paternalGrandmother: '奶奶',
  maternalGrandfather: '姥爷',
  maternalGrandmother: '姥姥',
  otherGuardian: '家长',
};

const GRANDPARENTS = [
  'paternalGrandmother',
  'maternalGrandmother',
  'paternalGrandfather',
  'maternalGrandfather',
] as const satisfies readonly FamilyRelation[];
const GRANDPARENT_WEIGHTS = [0.35, 0.3, 0.2, 0.15];

/** Share of families whose primary carer is a grandparent (祖辈带娃). */
const GRANDPARENT_PRIMARY_SHARE = 0.1;
/** Share of families with a second registered guardian. */
const SECOND_GUARDIAN_SHARE = 0.6;
/** Share of families with two children in the district's schools. */
const SIBLING_FAMILY_SHARE = 0.05;
/** Point jitter around a district centre, in degrees. */
const LOCATION_JITTER = 0.03;

/** Synthetic mobiles avoid 138…, which the named demo accounts use. */
const MOBILE_PREFIXES = '130 131 132 133 135 136 137 139 150 151 152 155 157 158 159 186 187 188 189 199'.split(' ');

const ADDRESS_ENDINGS = ['路', '大街', '北街', '南街', '东路', '西里', '胡同', '中路'];

/** A seat in a class, filled with a child when families are formed. */
interface StudentSlot {
  districtId: string;
  schoolId: string;
  classId: string;
  gradeNumber: number;
  studentNo: string;
  /** `district/stageOrdinal/grade-class/seat`, to find the demo families' children. */
  seatKey: string;
}

interface DemoAccountOverride {
  username: DemoUsername;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function isoDate(year: number, monthIndex: number, day: number): string {
  return new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);
}

/** A birth date consistent with the grade: grade 1 in 2026–27 was born Sep 2019 – Aug 2020, and so on. */
function birthDateForGrade(rng: Random, gradeNumber: number): string {
  const fromYear = SCHOOL_YEAR_START - 6 - gradeNumber;
  const from = Date.UTC(fromYear, 8, 1);
  const to = Date.UTC(fromYear + 1, 7, 31);
  const dayMs = 86_400_000;
  const offsetDays = rng.int(0, Math.round((to - from) / dayMs));
  const day = new Date(from + offsetDays * dayMs);
  return isoDate(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
}

function jitterAround(rng: Random, center: GeoPoint): GeoPoint {
  // Rounded to ~10 m so the stored values read cleanly.
  const round = (v: number) => Math.round(v * 10_000) / 10_000;
  return { x: round(center.x + rng.jitter(LOCATION_JITTER)), y: round(center.y + rng.jitter(LOCATION_JITTER)) };
}

function inventAddress(rng: Random, district: BeijingDistrict, place: string): string {
  // A place that is already a road (学院路, 金融街) takes the number directly.
  const street = /[路街]$/.test(place) ? place : place + rng.pick(ADDRESS_ENDINGS);
  return `北京市${district.name}${street}${rng.int(1, 199)}号`;
}

/** Accumulates rows; one instance builds one city. */
class CityBuilder {
  readonly rows: DemoCityRows = {
    districts: [],
    orgUnits: [],
    grades: [],
    classes: [],
    students: [],
    users: [],
    roleAssignments: [],
    guardianships: [],
  };
  private mobileSeq = 0;
  private readonly usedDemoAccounts = new Set<DemoUsername>();

  constructor(
    private readonly plan: CityPlan,
    private readonly demoPasswordHash: string,
  ) {}

  build(): DemoCityRows {
    for (const district of BEIJING_DISTRICTS) {
      this.rows.districts.push({
        id: district.id,
        name: district.name,
        sortOrder: district.sortOrder,
        center: district.center,
      });
    }
    const cityRng = new Random(`${SEED}:city`);
    const cityAdmin = this.addUser(
      'cityadmin',
      randomFullName(cityRng, randomSurname(cityRng), 'male', 'parent'),
      this.demoAccount('cityAdmin', 'city'),
    );
    this.assign(cityAdmin, 'cityAdmin', {});
    for (const planned of this.plan.districts) this.buildDistrict(districtById(planned.id), planned.schools);

    const missing = DEMO_USERNAMES.filter((u) => !this.usedDemoAccounts.has(u));
    if (missing.length > 0) throw new Error(`demo city plan has no place for: ${missing.join(', ')}`);
    return this.rows;
  }

  private buildDistrict(district: BeijingDistrict, stages: readonly SchoolStage[]): void {
    const rng = new Random(`${SEED}:${district.id}`);
    const counters = { teacher: 0, guardian: 0, schoolAdmin: 0 };

    const districtAdmin = this.addUser(
      `da${district.id}`,
      randomFullName(rng, randomSurname(rng), rng.pick<Gender>(['male', 'female']), 'parent'),
      this.demoAccount('districtAdmin', district.id),
    );
    this.assign(districtAdmin, 'districtAdmin', { districtId: district.id });
    const volunteer = this.demoAccount('volunteer', district.id);
    if (volunteer) {
      const userId = this.addUser(
        volunteer.username,
        randomFullName(rng, randomSurname(rng), 'female', 'parent'),
        volunteer,
      );
      this.assign(userId, 'volunteer', { districtId: district.id });
    }

    const slots: StudentSlot[] = [];
    const stageOrdinals: Partial<Record<SchoolStage, number>> = {};
    for (const stage of stages) {
      const ordinal = stageOrdinals[stage] ?? 0;
      stageOrdinals[stage] = ordinal + 1;
      // Tied to stage and ordinal, not position, so a school keeps its name in both city sizes.
      const place = district.schoolPlaces[(SCHOOL_PLACE_OFFSET[stage] + ordinal) % district.schoolPlaces.length]!;
      slots.push(...this.buildSchool(rng, district, stage, ordinal, place, counters));
    }

    this.buildSupportUnits(rng, district);
    this.buildFamilies(rng, district, slots, counters);
  }

  /** One school with its grades, classes, staff and empty seats; returns the seats. */
  private buildSchool(
    rng: Random,
    district: BeijingDistrict,
    stage: SchoolStage,
    ordinal: number,
    place: string,
    counters: { teacher: number; schoolAdmin: number },
  ): StudentSlot[] {
    const schoolKey = `${district.id}/${stage}${ordinal}`;
    const schoolId = randomUUID();
    const suffixes = SCHOOL_NAME_SUFFIXES[stage];
    this.rows.orgUnits.push({
      districtId: district.id,
      id: schoolId,
      kind: 'school',
      name: `${district.name}${place}${suffixes[ordinal % suffixes.length]}`,
      stage,
      address: inventAddress(rng, district, place),
      location: jitterAround(rng, district.center),
    });
    const unit = { districtId: district.id, orgUnitId: schoolId };
    const femaleTeacherShare = stage === 'primary' ? 0.8 : 0.65;
    const newTeacher = (demo?: DemoAccountOverride) =>
      this.addUser(
        `t${district.id}${pad(++counters.teacher, 4)}`,
        randomFullName(rng, randomSurname(rng), rng.chance(femaleTeacherShare) ? 'female' : 'male', 'parent'),
        demo,
      );

    const schoolAdmin = this.addUser(
      `sa${district.id}${pad(++counters.schoolAdmin, 2)}`,
      randomFullName(rng, randomSurname(rng), rng.pick<Gender>(['male', 'female']), 'parent'),
      this.demoAccount('schoolAdmin', schoolKey),
    );
    this.assign(schoolAdmin, 'schoolAdmin', unit);

    const slots: StudentSlot[] = [];
    const classIds: string[] = [];
    const [minStudents, maxStudents] = this.plan.studentsPerClass[stage];
    const firstGrade = STAGE_GRADES[stage][0]!;
    for (const gradeNumber of STAGE_GRADES[stage]) {
      const gradeId = randomUUID();
      this.rows.grades.push({
        districtId: district.id,
        id: gradeId,
        schoolId,
        gradeNumber,
        name: gradeName(gradeNumber),
      });
      const entryYear = SCHOOL_YEAR_START - (gradeNumber - firstGrade);
      for (let classNumber = 1; classNumber <= this.plan.classesPerGrade; classNumber++) {
        const classKey = `${schoolKey}/${gradeNumber}-${classNumber}`;
        const classId = randomUUID();
        classIds.push(classId);
        this.rows.classes.push({
          districtId: district.id,
          id: classId,
          schoolId,
          gradeId,
          classNumber,
          name: `${gradeName(gradeNumber)}(${classNumber})班`,
        });
        const classScope = { ...unit, classId };
        // A head teacher also teaches the class, so both roles are held.
        const headTeacher = newTeacher(this.demoAccount('headTeacher', classKey));
        this.assign(headTeacher, 'headTeacher', classScope);
        this.assign(headTeacher, 'teacher', classScope);
        const extraTeacher = this.demoAccount('teacher', classKey);
        if (extraTeacher) this.assign(newTeacher(extraTeacher), 'teacher', classScope);

        const size = rng.int(minStudents, maxStudents);
        for (let seat = 1; seat <= size; seat++) {
          slots.push({
            districtId: district.id,
            schoolId,
            classId,
            gradeNumber,
            studentNo: `S${entryYear}${pad(classNumber, 2)}${pad(seat, 2)}`,
            seatKey: `${classKey}/${seat}`,
          });
        }
      }
    }

    // Subject teachers each teach a run of neighbouring classes (e.g. 数学 for grades 3–5).
    const subjectTeachers = rng.int(...this.plan.subjectTeachersPerSchool);
    for (let k = 0; k < subjectTeachers; k++) {
      const teacherId = newTeacher();
      const count = Math.min(classIds.length, rng.int(4, 6));
      const start = Math.floor((k * classIds.length) / subjectTeachers);
      for (let i = 0; i < count; i++) {
        this.assign(teacherId, 'teacher', { ...unit, classId: classIds[(start + i) % classIds.length]! });
      }
    }
    return slots;
  }

  /** Two resource units and one consultation room, each with one staff account. */
  private buildSupportUnits(rng: Random, district: BeijingDistrict): void {
    const unitsWanted = [
      { kind: 'resourceUnit', role: 'resourceStaff', prefix: 'rs' },
      { kind: 'resourceUnit', role: 'resourceStaff', prefix: 'rs' },
      { kind: 'consultationRoom', role: 'counselor', prefix: 'cs' },
    ] as const;
    const ordinals = { resourceUnit: 0, consultationRoom: 0 };
    for (const wanted of unitsWanted) {
      const ordinal = ordinals[wanted.kind]++;
      const suffix =
        wanted.kind === 'consultationRoom'
          ? CONSULTATION_ROOM_SUFFIX
          : RESOURCE_UNIT_SUFFIXES[(2 * (district.sortOrder - 1) + ordinal) % RESOURCE_UNIT_SUFFIXES.length]!;
      const unitId = randomUUID();
      this.rows.orgUnits.push({
        districtId: district.id,
        id: unitId,
        kind: wanted.kind,
        name: `${district.name}${suffix}`,
        stage: null,
        address: inventAddress(rng, district, rng.pick(district.streetPlaces)),
        location: jitterAround(rng, district.center),
      });
      const staff = this.addUser(
        `${wanted.prefix}${district.id}${ordinal + 1}`,
        randomFullName(rng, randomSurname(rng), rng.pick<Gender>(['male', 'female']), 'parent'),
        this.demoAccount(wanted.role, `${district.id}/${wanted.kind}${ordinal}`),
      );
      this.assign(staff, wanted.role, { districtId: district.id, orgUnitId: unitId });
    }
  }

  /**
   * Fills the seats with children and their families. The demo parents' seats are filled first with a
   * single-child family; the rest are shuffled so a few families get two children across the district.
   */
  private buildFamilies(
    rng: Random,
    district: BeijingDistrict,
    slots: StudentSlot[],
    counters: { guardian: number },
  ): void {
    const childBySeat = new Map<StudentSlot, StudentRow>();
    const addFamily = (children: StudentSlot[], demo?: { username: DemoUsername; relation: 'mother' | 'father' }) => {
      const fatherSurname = randomSurname(rng);
      const motherSurname = randomSurnameExcept(rng, fatherSurname);
      const childSurname = rng.chance(0.92) ? fatherSurname : motherSurname;
      const kids = children.map((slot, index) => {
        const gender: Gender = rng.chance(0.51) ? 'male' : 'female';
        let name = randomFullName(rng, childSurname, gender, 'child');
        // Siblings never share a name.
        while (index > 0 && childBySeat.get(children[0]!)?.name === name) {
          name = randomFullName(rng, childSurname, gender, 'child');
        }
        const student: StudentRow = {
          districtId: slot.districtId,
          id: randomUUID(),
          schoolId: slot.schoolId,
          classId: slot.classId,
          studentNo: slot.studentNo,
          name,
          gender,
          birthDate: birthDateForGrade(rng, slot.gradeNumber),
        };
        childBySeat.set(slot, student);
        return student;
      });

      const primary: FamilyRelation =
        demo?.relation ??
        (rng.chance(GRANDPARENT_PRIMARY_SHARE)
          ? rng.weighted(GRANDPARENTS, GRANDPARENT_WEIGHTS)
          : rng.chance(0.65)
            ? 'mother'
            : 'father');
      const relations: FamilyRelation[] = [primary];
      if (rng.chance(SECOND_GUARDIAN_SHARE)) {
        if (primary === 'mother') relations.push('father');
        else if (primary === 'father') relations.push('mother');
        else relations.push(rng.chance(0.6) ? 'mother' : 'father');
      }

      relations.forEach((relation, index) => {
        const isPrimary = index === 0;
        const name = guardianName(rng, relation, fatherSurname, motherSurname);
        const guardianId = this.addUser(
          `g${district.id}${pad(++counters.guardian, 5)}`,
          `${name}（${kids[0]!.name}${KINSHIP_WORDS[relation]}）`,
          isPrimary && demo ? { username: demo.username } : undefined,
        );
        for (const kid of kids) {
          this.rows.guardianships.push({
            districtId: kid.districtId,
            studentId: kid.id,
            guardianUserId: guardianId,
            relation,
            isPrimary,
          });
        }
      });
    };

    const remaining: StudentSlot[] = [];
    for (const slot of slots) {
      const demo = this.demoParentForSeat(slot.seatKey);
      if (demo) addFamily([slot], demo);
      else remaining.push(slot);
    }
    rng.shuffle(remaining);
    for (let i = 0; i < remaining.length; i++) {
      const first = remaining[i]!;
      if (rng.chance(SIBLING_FAMILY_SHARE)) {
        // Look a little ahead for a sibling at least two grades apart, so birth dates stay plausible.
        const j = remaining.findIndex(
          (s, k) => k > i && k <= i + 20 && Math.abs(s.gradeNumber - first.gradeNumber) >= 2,
        );
        if (j > 0) {
          [remaining[i + 1], remaining[j]] = [remaining[j]!, remaining[i + 1]!];
          addFamily([first, remaining[i + 1]!]);
          i++;
          continue;
        }
      }
      addFamily([first]);
    }

    // Students are written in seat order, so a class lists in student-number order by default.
    for (const slot of slots) this.rows.students.push(childBySeat.get(slot)!);
  }

  /** A demo parent owns the first seat of their place's class. */
  private demoParentForSeat(seatKey: string): { username: DemoUsername; relation: 'mother' | 'father' } | undefined {
    for (const username of ['parent1', 'parent2'] as const) {
      const account = DEMO_ACCOUNTS[username];
      if (seatKey === `${account.place}/1`) {
        this.usedDemoAccounts.add(username);
        return { username, relation: account.relation };
      }
    }
    return undefined;
  }

  /** The demo account that takes the `role` at `place`, if any. */
  private demoAccount(role: Role, place: string): DemoAccountOverride | undefined {
    for (const username of DEMO_USERNAMES) {
      const account = DEMO_ACCOUNTS[username];
      if (account.role === role && account.place === place) {
        this.usedDemoAccounts.add(username);
        return { username };
      }
    }
    return undefined;
  }

  /** Adds an account; a demo override replaces the username and makes it able to sign in. */
  private addUser(username: string, displayName: string, demo?: DemoAccountOverride): string {
    const id = randomUUID();
    if (demo) {
      const account = DEMO_ACCOUNTS[demo.username];
      this.rows.users.push({
        id,
        username: demo.username,
        mobile: account.mobile,
        displayName,
        passwordHash: this.demoPasswordHash,
      });
    } else {
      this.rows.users.push({ id, username, mobile: this.nextMobile(), displayName, passwordHash: null });
    }
    return id;
  }

  /** Unique synthetic mobiles: an odd multiplier not divisible by 5 permutes the 8-digit suffixes. */
  private nextMobile(): string {
    const seq = ++this.mobileSeq;
    const prefix = MOBILE_PREFIXES[seq % MOBILE_PREFIXES.length]!;
    return `${prefix}${pad((seq * 48_271 + 20_261_202) % 100_000_000, 8)}`;
  }

  private assign(
    userId: string,
    role: Role,
    scope: { districtId?: string; orgUnitId?: string; classId?: string },
  ): void {
    const scopeKind = scope.classId ? 'class' : scope.orgUnitId ? 'unit' : scope.districtId ? 'district' : 'city';
    this.rows.roleAssignments.push({
      userId,
      role,
      scopeKind,
      districtId: scope.districtId ?? null,
      orgUnitId: scope.orgUnitId ?? null,
      classId: scope.classId ?? null,
    });
  }
}

function guardianName(rng: Random, relation: FamilyRelation, fatherSurname: string, motherSurname: string): string {
  switch (relation) {
    case 'father':
      return randomFullName(rng, fatherSurname, 'male', 'parent');
    case 'mother':
      return randomFullName(rng, motherSurname, 'female', 'parent');
    case 'paternalGrandfather':
      return randomFullName(rng, fatherSurname, 'male', 'grandparent');
    case 'paternalGrandmother':
      return randomFullName(rng, randomSurnameExcept(rng, fatherSurname), 'female', 'grandparent');
    case 'maternalGrandfather':
      return randomFullName(rng, motherSurname, 'male', 'grandparent');
    case 'maternalGrandmother':
      return randomFullName(rng, randomSurnameExcept(rng, motherSurname), 'female', 'grandparent');
    case 'otherGuardian':
      return randomFullName(rng, randomSurname(rng), 'female', 'parent');
  }
}

/** Builds every row of the demo city of the given size. `demoPasswordHash` goes on the named demo accounts only. */
export function buildDemoCity(size: CitySize, demoPasswordHash: string): DemoCityRows {
  return new CityBuilder(CITY_PLANS[size], demoPasswordHash).build();
}

/** Exact counts of a built city, as stored in `system_meta`. */
export function summarizeDemoCity(rows: DemoCityRows): SeedSummary {
  const countUnits = (kind: OrgUnitRow['kind']) => rows.orgUnits.filter((u) => u.kind === kind).length;
  return {
    districts: rows.districts.length,
    schools: countUnits('school'),
    classes: rows.classes.length,
    students: rows.students.length,
    guardians: new Set(rows.guardianships.map((g) => g.guardianUserId)).size,
    teachers: new Set(
      rows.roleAssignments.filter((r) => r.role === 'teacher' || r.role === 'headTeacher').map((r) => r.userId),
    ).size,
    resourceUnits: countUnits('resourceUnit'),
    consultationRooms: countUnits('consultationRoom'),
  };
}
