import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  HeartOutlined,
  SearchOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Me } from '../../../shared/contract/identity.js';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
}

const teacherRoles = new Set(['teacher', 'headTeacher']);

/** The navigation a user sees, from `me.can` and their roles (the server still checks every record). */
export function navItemsFor(me: Me): NavItem[] {
  const items: NavItem[] = [];
  if (me.children.length > 0 || me.roles.some((r) => r.role === 'guardian')) {
    items.push({ path: '/children', label: '我的孩子', icon: <HeartOutlined /> });
  }
  if (me.classes.length > 0 || me.roles.some((r) => teacherRoles.has(r.role))) {
    items.push({ path: '/classes', label: '班级名册', icon: <TeamOutlined /> });
  }
  if (me.can.searchStudents) items.push({ path: '/students', label: '学生查询', icon: <SearchOutlined /> });
  if (me.can.viewOrgTree) items.push({ path: '/org', label: '组织架构', icon: <ApartmentOutlined /> });
  if (me.can.searchAudit) items.push({ path: '/audit', label: '审计日志', icon: <AuditOutlined /> });
  if (me.can.manageUsers) items.push({ path: '/users', label: '账户管理', icon: <SettingOutlined /> });
  items.push({ path: '/account', label: '我的账户', icon: <UserOutlined /> });
  return items;
}

/** Which menu entry a path belongs to: /classes/1 → /classes; a student's page → where the user came from. */
export function selectedNavPath(pathname: string, items: NavItem[]): string | undefined {
  const direct = items.find((item) => pathname === item.path || pathname.startsWith(`${item.path}/`));
  if (direct) return direct.path;
  if (pathname.startsWith('/students/')) {
    return items.find((i) => i.path === '/children' || i.path === '/classes')?.path;
  }
  return undefined;
}
