/** The demo accounts shown on the login page and in the README. One shared password, demo data only. */
export const DEMO_PASSWORD = 'Gongyu2026';

export const demoAccounts = [
  { username: 'parent1', role: 'guardian', label: '家长（东城区 · 小学）' },
  { username: 'parent2', role: 'guardian', label: '家长（朝阳区 · 另一所学校）' },
  { username: 'teacher1', role: 'headTeacher', label: '班主任（parent1 孩子所在班）' },
  { username: 'school1', role: 'schoolAdmin', label: '学校管理员' },
  { username: 'district1', role: 'districtAdmin', label: '区教委（东城区）' },
  { username: 'city1', role: 'cityAdmin', label: '市教委' },
  { username: 'venue1', role: 'resourceStaff', label: '资源单位工作人员' },
  { username: 'counselor1', role: 'counselor', label: '共育咨询室咨询师' },
  { username: 'teacher2', role: 'teacher', label: '任课教师（同校另一班）' },
  { username: 'district2', role: 'districtAdmin', label: '区教委（朝阳区）' },
  { username: 'volunteer1', role: 'volunteer', label: '志愿者' },
] as const;
