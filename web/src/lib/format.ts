import {
  familyRelationLabels,
  genderLabels,
  gradeName,
  roleLabels,
  type FamilyRelation,
  type Role,
} from '../../../shared/contract/domain.js';
import type { RoleScope } from '../../../shared/contract/identity.js';

/**
 * Display helpers. Dates use Intl rather than dayjs so the pages a guardian opens first stay small;
 * dayjs is only loaded by the pages with date pickers.
 */
const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const dateOnly = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});

/** 2026/03/01 08:30 in Beijing time; '—' for null. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** 2016年3月1日 for a YYYY-MM-DD calendar date (no time-zone shift). */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  return dateOnly.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12)));
}

export function roleLabel(role: string): string {
  return roleLabels[role as Role] ?? role;
}

export function relationLabel(relation: string): string {
  return familyRelationLabels[relation as FamilyRelation] ?? relation;
}

export function genderLabel(gender: string): string {
  return genderLabels[gender as keyof typeof genderLabels] ?? gender;
}

/** 三年级(1)班, without repeating the grade when the class name already carries it. */
export function classLabel(gradeNumber: number, className: string): string {
  const grade = gradeName(gradeNumber);
  return className.startsWith(grade) ? className : `${grade}${className}`;
}

/** Where a role applies, e.g. 三年级(1)班, 东城区, 北京市; null for guardians. */
export function scopeName(scope: RoleScope): string | null {
  switch (scope.scopeKind) {
    case 'class':
      return scope.className ?? scope.orgUnitName;
    case 'unit':
      return scope.orgUnitName;
    case 'district':
      return scope.districtName;
    case 'city':
      return '北京市';
    default:
      return null;
  }
}

/** 班主任 · 三年级(1)班 */
export function roleScopeLabel(scope: RoleScope): string {
  const where = scopeName(scope);
  return where ? `${roleLabel(scope.role)} · ${where}` : roleLabel(scope.role);
}

/** Audit action codes in Chinese; an unknown code is shown as it is. */
export const auditActionLabels: Record<string, string> = {
  'auth.login': '登录',
  'auth.login.failed': '登录失败',
  'auth.loginFailed': '登录失败',
  'auth.locked': '账户被锁定',
  'auth.logout': '退出登录',
  'auth.password.change': '修改密码',
  'auth.passwordChange': '修改密码',
  'me.password.change': '修改密码',
  'session.revoke': '结束会话',
  'auth.session.revoke': '结束会话',
  'student.summary': '查看子女概况',
  'student.read': '查看学生档案',
  'student.update': '修改学生信息',
  'student.list': '查询学生',
  'student.search': '查询学生',
  'class.roster': '查看班级名册',
  'consent.read': '查看同意记录',
  'consent.list': '查看同意记录',
  'consent.decide': '同意或撤回授权',
  'consent.grant': '同意个人信息处理',
  'consent.withdraw': '撤回同意',
  'org.read': '查看组织架构',
  'org.list': '查看组织架构',
  'audit.search': '检索审计日志',
  'user.list': '查看账户列表',
  'user.password.reset': '重置密码',
  'user.passwordReset': '重置密码',
  'student.create': '为孩子预约资源（被拒）',
  'student.matchResources': '按孩子匹配教育资源',
  'booking.create': '预约资源',
  'booking.confirm': '确认预约',
  'booking.cancel': '取消预约',
  'booking.list': '查看当日预约名单',
  'booking.checkIn': '预约签到',
  'booking.noShow': '标记未到场',
  'resource.create': '新增资源',
  'resource.update': '修改资源信息',
  'resource.verify': '核实资源信息',
  'resource.schedule.create': '新增排期',
  'resource.schedule.delete': '删除排期',
  'slot.open': '开放时段',
  'slot.close': '关闭时段',
  'taxonomy.create': '新增资源标签',
  'taxonomy.update': '修改资源标签',
  'unit.onboard': '接入资源单位',
  'directory.import': '导入资源目录',
};

export function auditActionLabel(action: string): string {
  return auditActionLabels[action] ?? action;
}

export const recordTypeLabels: Record<string, string> = {
  student: '学生',
  class: '班级',
  user: '账户',
  session: '会话',
  consent: '同意记录',
  org: '组织',
  orgUnit: '组织单位',
  audit: '审计日志',
  booking: '预约',
  resource: '资源',
  slot: '时段',
  taxonomy_term: '资源标签',
  org_unit: '组织单位',
  directory: '资源目录',
};

export function recordTypeLabel(type: string): string {
  return recordTypeLabels[type] ?? type;
}

/** A short Chinese name for a browser user agent: “Chrome · Windows”. */
export function describeUserAgent(ua: string | null): string {
  if (!ua) return '未知设备';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /MicroMessenger/.test(ua)
      ? '微信'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Chrom(e|ium)\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : /curl|node|undici|Playwright|HeadlessChrome/i.test(ua)
              ? '程序'
              : '浏览器';
  const os = /iPhone|iPad/.test(ua)
    ? 'iOS'
    : /Android/.test(ua)
      ? 'Android'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return os ? `${browser} · ${os}` : browser;
}

/** “刚刚”, “5 分钟前”, “3 小时前”, “2 天前”, then the date — how long ago something happened. */
export function timeAgo(iso: string, now: number = Date.now()): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const minutes = Math.floor((now - then) / 60_000);
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes} 分钟前`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} 小时前`;
  const days = Math.floor(hours / 24);
  if (days < 30) return `${days} 天前`;
  return formatDateTime(iso).slice(0, 10);
}

const monthDay = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric' });
const hourMinute = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** A compact time for lists: “14:30” today, “3月2日” before. */
export function shortTime(iso: string, now: number = Date.now()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const sameDay = monthDay.format(date) === monthDay.format(new Date(now)) && now - date.getTime() < 86_400_000;
  return sameDay ? hourMinute.format(date) : monthDay.format(date);
}
