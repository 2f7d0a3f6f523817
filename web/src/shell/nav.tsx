import type { ReactNode } from 'react';
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  CalendarOutlined,
  CommentOutlined,
  EnvironmentOutlined,
  ScheduleOutlined,
  ShopOutlined,
  TagsOutlined,
  HeartOutlined,
  PlayCircleOutlined,
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
const crisisRoles = new Set(['counselor', 'districtAdmin']);
const kbRoles = new Set(['cityAdmin', 'districtAdmin']);

const assistantItem: NavItem = { path: '/assistant', label: '京小帮', icon: <CommentOutlined /> };

/** The navigation a user sees, from `me.can` and their roles (the server still checks every record). */
export function navItemsFor(me: Me): NavItem[] {
  const items: NavItem[] = [];
  const isGuardian = me.children.length > 0 || me.roles.some((r) => r.role === 'guardian');
  if (isGuardian) {
    items.push({ path: '/children', label: '我的孩子', icon: <HeartOutlined /> });
    // Guardians come for these: right under their children.
    items.push({ path: '/map', label: '教育地图', icon: <EnvironmentOutlined /> });
    if (me.can.bookResources) items.push({ path: '/bookings', label: '我的预约', icon: <CalendarOutlined /> });
    items.push(assistantItem);
    items.push({ path: '/scenarios', label: '情景训练', icon: <PlayCircleOutlined /> });
  }
  if (me.classes.length > 0 || me.roles.some((r) => teacherRoles.has(r.role))) {
    items.push({ path: '/classes', label: '班级名册', icon: <TeamOutlined /> });
  }
  if (me.can.searchStudents) items.push({ path: '/students', label: '学生查询', icon: <SearchOutlined /> });
  if (me.can.viewOrgTree) items.push({ path: '/org', label: '组织架构', icon: <ApartmentOutlined /> });
  if (me.can.searchAudit) items.push({ path: '/audit', label: '审计日志', icon: <AuditOutlined /> });
  if (me.can.manageUsers) items.push({ path: '/users', label: '账户管理', icon: <SettingOutlined /> });
  if (me.roles.some((r) => crisisRoles.has(r.role))) {
    items.push({ path: '/crisis-cases', label: '危机跟进', icon: <AlertOutlined /> });
  }
  if (me.roles.some((r) => kbRoles.has(r.role))) items.push({ path: '/kb', label: '知识库', icon: <BookOutlined /> });
  if (me.can.manageResources) {
    items.push({ path: '/venue', label: '今日预约', icon: <ScheduleOutlined /> });
    items.push({ path: '/venue/resources', label: '资源管理', icon: <ShopOutlined /> });
  }
  if (me.can.editTaxonomy) items.push({ path: '/taxonomy', label: '资源标签', icon: <TagsOutlined /> });
  if (me.can.onboardUnits) items.push({ path: '/directory', label: '资源单位接入', icon: <ApartmentOutlined /> });
  if (!isGuardian) {
    items.push({ path: '/map', label: '教育地图', icon: <EnvironmentOutlined /> });
    items.push(assistantItem);
  }
  items.push({ path: '/account', label: '我的账户', icon: <UserOutlined /> });
  return items;
}

/** Which menu entry a path belongs to: /classes/1 → /classes; a student's page → where the user came from. */
export function selectedNavPath(pathname: string, items: NavItem[]): string | undefined {
  // The longest matching entry wins: /venue/resources belongs to 资源管理, not 今日预约.
  const direct = items
    .filter((item) => pathname === item.path || pathname.startsWith(`${item.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (direct) return direct.path;
  if (pathname.startsWith('/resources/')) return items.find((i) => i.path === '/map')?.path;
  if (pathname.startsWith('/scenario-sessions/')) return items.find((i) => i.path === '/scenarios')?.path;
  if (pathname.startsWith('/students/')) {
    return items.find((i) => i.path === '/children' || i.path === '/classes')?.path;
  }
  return undefined;
}
