/** Domain vocabulary shared by server, database and web: the code names with their Chinese labels. */

export const ROLES = [
  'guardian',
  'teacher',
  'headTeacher',
  'schoolAdmin',
  'districtAdmin',
  'cityAdmin',
  'resourceStaff',
  'counselor',
  'volunteer',
] as const;
export type Role = (typeof ROLES)[number];

export const roleLabels: Record<Role, string> = {
  guardian: '家长',
  teacher: '教师',
  headTeacher: '班主任',
  schoolAdmin: '学校管理员',
  districtAdmin: '区教委',
  cityAdmin: '市教委',
  resourceStaff: '资源单位工作人员',
  counselor: '咨询师',
  volunteer: '志愿者',
};

/** Which node of the organisation tree a role assignment is bound to. Guardians have no node: family relations scope them. */
export const SCOPE_KINDS = ['city', 'district', 'unit', 'class'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export const ORG_UNIT_KINDS = ['school', 'resourceUnit', 'consultationRoom'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];
export const orgUnitKindLabels: Record<OrgUnitKind, string> = {
  school: '学校',
  resourceUnit: '资源单位',
  consultationRoom: '共育咨询室',
};

export const SCHOOL_STAGES = ['primary', 'junior', 'senior'] as const;
export type SchoolStage = (typeof SCHOOL_STAGES)[number];
export const schoolStageLabels: Record<SchoolStage, string> = { primary: '小学', junior: '初中', senior: '高中' };

export const FAMILY_RELATIONS = [
  'father',
  'mother',
  'paternalGrandfather',
  'paternalGrandmother',
  'maternalGrandfather',
  'maternalGrandmother',
  'otherGuardian',
] as const;
export type FamilyRelation = (typeof FAMILY_RELATIONS)[number];
export const familyRelationLabels: Record<FamilyRelation, string> = {
  father: '父亲',
  mother: '母亲',
  paternalGrandfather: '祖父',
  paternalGrandmother: '祖母',
  maternalGrandfather: '外祖父',
  maternalGrandmother: '外祖母',
  otherGuardian: '其他监护人',
};

export const genderLabels = { male: '男', female: '女' } as const;

/** 1–6 小学, 7–9 初中, 10–12 高中. */
export function gradeName(gradeNumber: number): string {
  const names = ['一', '二', '三', '四', '五', '六'];
  if (gradeNumber <= 6) return `${names[gradeNumber - 1]}年级`;
  if (gradeNumber <= 9) return `初${names[gradeNumber - 7]}`;
  return `高${names[gradeNumber - 10]}`;
}

/** The purpose a guardian consents to; bump the version when the processing described to parents changes. */
export const PROFILE_CONSENT = { purpose: 'studentProfile', version: 1 } as const;

/** 年龄段 used to personalise guidance (学前/幼小衔接, 小学低/高年级, 初中, 高中). */
export const AGE_BANDS = ['preschool', 'primaryLower', 'primaryUpper', 'junior', 'senior'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const ageBandLabels: Record<AgeBand, string> = {
  preschool: '学前/幼小衔接',
  primaryLower: '小学低年级',
  primaryUpper: '小学高年级',
  junior: '初中',
  senior: '高中',
};
/** Grade 1–12 → age band (grades 1–3 are 小学低年级). */
export function ageBandOfGrade(gradeNumber: number): AgeBand {
  if (gradeNumber <= 0) return 'preschool';
  if (gradeNumber <= 3) return 'primaryLower';
  if (gradeNumber <= 6) return 'primaryUpper';
  if (gradeNumber <= 9) return 'junior';
  return 'senior';
}

/** Knowledge-base topics. */
export const KB_TOPICS = [
  'studyHabits',
  'homework',
  'screens',
  'screenOff',
  'emotions',
  'anger',
  'adolescence',
  'communication',
  'listening',
  'sleep',
  'diet',
  'exercise',
  'myopia',
  'obesity',
  'safety',
  'selfProtection',
  'onlineSafety',
  'bullying',
  'examStress',
  'transition',
  'reading',
  'labour',
  'siblings',
  'specialFamilies',
  'lying',
  'money',
  'parentDuties',
] as const;
export type KbTopic = (typeof KB_TOPICS)[number];
export const kbTopicLabels: Record<KbTopic, string> = {
  studyHabits: '学习习惯',
  homework: '作业',
  screens: '手机/游戏/短视频',
  screenOff: '息屏行动',
  emotions: '情绪',
  anger: '发脾气',
  adolescence: '青春期',
  communication: '亲子沟通',
  listening: '倾听',
  sleep: '睡眠',
  diet: '饮食',
  exercise: '运动',
  myopia: '近视防控',
  obesity: '体重管理',
  safety: '安全',
  selfProtection: '自我保护',
  onlineSafety: '网络安全',
  bullying: '校园欺凌',
  examStress: '考试压力',
  transition: '升学衔接',
  reading: '阅读',
  labour: '劳动教育',
  siblings: '多孩家庭',
  specialFamilies: '特殊家庭',
  lying: '说谎',
  money: '金钱观',
  parentDuties: '家长的法定责任',
};
