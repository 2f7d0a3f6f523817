import type { Student } from '../../../shared/contract/students.js';

type Row = {
  id: string;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  studentNo: string;
  districtId: string;
  districtName: string;
  schoolId: string;
  schoolName: string;
  classId: string;
  className: string;
  gradeNumber: number;
};

/** 138****0001: enough for a parent to recognise the other guardian, not enough to copy. */
export function maskMobile(mobile: string | null): string | null {
  return mobile ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : null;
}

/** Student row → API shape. Guardians' phone numbers are shown in full to staff only. */
export function presentStudent(
  row: Row,
  guardians: { userId: string; displayName: string; mobile: string | null; relation: Student['guardians'][number]['relation']; isPrimary: boolean }[],
  profileConsent: Student['profileConsent'],
  view: { isStaff: boolean; allowed: Student['allowed'] },
): Student {
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    birthDate: row.birthDate,
    studentNo: row.studentNo,
    districtId: row.districtId,
    districtName: row.districtName,
    schoolId: row.schoolId,
    schoolName: row.schoolName,
    classId: row.classId,
    className: row.className,
    gradeNumber: row.gradeNumber,
    guardians: guardians.map((g) => ({
      userId: g.userId,
      displayName: g.displayName,
      relation: g.relation,
      isPrimary: g.isPrimary,
      mobile: view.isStaff ? g.mobile : maskMobile(g.mobile),
    })),
    profileConsent,
    allowed: view.allowed,
  };
}

/** List row → API shape (no guardians, no ids of other tables). */
export function presentStudentRow<T extends Row>(row: T) {
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    studentNo: row.studentNo,
    birthDate: row.birthDate,
    schoolName: row.schoolName,
    className: row.className,
    gradeNumber: row.gradeNumber,
    districtName: row.districtName,
  };
}
