#!/usr/bin/env node
/**
 * Bundle budget: after `vite build`, measures the gzip size of the JavaScript each route needs on a
 * first visit — the entry chunk, the route's lazy chunks and all their static imports, recursively —
 * and fails when a budgeted route is over the limit. Routes without a budget are printed for information.
 *
 * Usage: node scripts/bundle-budget.mjs [--dist dist/web] [--budget-kb 200]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 && args[index + 1] ? args[index + 1] : fallback;
};
const dist = resolve(option('--dist', 'dist/web'));
const budgetKb = Number(option('--budget-kb', '200'));

/** Lazy modules (keys of the manifest, relative to vite's root `web/`) each route loads; the entry is always added. */
const SHELL = 'src/shell/AppShell.tsx';
const ANTD = 'src/shell/AntdScope.tsx'; // antd's ConfigProvider, loaded with the antd-built pages only
const routes = [
  { route: '/login 登录', modules: ['src/pages/LoginPage.tsx'], budget: true },
  { route: '/children 我的孩子（家长）', modules: [SHELL, 'src/pages/ChildrenPage.tsx'], budget: true },
  { route: '/students/:id 学生详情（家长）', modules: [SHELL, 'src/pages/StudentDetailPage.tsx'], budget: true },
  // A guardian's first visit: the login page, then 我的孩子 — everything downloaded in that session.
  {
    route: '登录 → 我的孩子（家长首次访问合计）',
    modules: ['src/pages/LoginPage.tsx', SHELL, 'src/pages/ChildrenPage.tsx'],
    budget: true,
  },
  // 京小帮 and 情景训练: guardians open them from 我的孩子 or a shared link, on a phone, as a first page.
  { route: '/assistant 京小帮（家长）', modules: [SHELL, 'src/pages/AssistantPage.tsx'], budget: true },
  { route: '/scenarios 情景训练（家长）', modules: [SHELL, 'src/pages/ScenariosPage.tsx'], budget: true },
  { route: '/scenarios/:slug 情景介绍', modules: [SHELL, 'src/pages/ScenarioDetailPage.tsx'], budget: true },
  { route: '/scenario-sessions/:id 情景练习', modules: [SHELL, 'src/pages/ScenarioSessionPage.tsx'], budget: true },
  { route: '/scenarios/progress 我的进步', modules: [SHELL, 'src/pages/ScenarioProgressPage.tsx'], budget: true },
  {
    route: '登录 → 我的孩子 → 京小帮（合计）',
    modules: ['src/pages/LoginPage.tsx', SHELL, 'src/pages/ChildrenPage.tsx', 'src/pages/AssistantPage.tsx'],
    budget: true,
  },
  // 教育新地图 and 预约: guardians open them on a phone from 我的孩子 or a shared link. Leaflet is a lazy chunk.
  { route: '/map 教育地图', modules: [SHELL, 'src/pages/MapPage.tsx'], budget: true },
  { route: '/resources/:id 资源详情', modules: [SHELL, 'src/pages/ResourcePage.tsx'], budget: true },
  { route: '/bookings 我的预约', modules: [SHELL, 'src/pages/MyBookingsPage.tsx'], budget: true },
  { route: '/classes 班级（教师）', modules: [SHELL, 'src/pages/ClassesPage.tsx'] },
  { route: '/classes/:id 班级名册', modules: [SHELL, ANTD, 'src/pages/RosterPage.tsx'] },
  { route: '/account 我的账户', modules: [SHELL, ANTD, 'src/pages/AccountPage.tsx'] },
  { route: '/students 学生查询', modules: [SHELL, ANTD, 'src/pages/StudentSearchPage.tsx'] },
  { route: '/org 组织架构', modules: [SHELL, ANTD, 'src/pages/OrgPage.tsx'] },
  { route: '/audit 审计日志', modules: [SHELL, ANTD, 'src/pages/AuditPage.tsx'] },
  { route: '/users 账户管理', modules: [SHELL, ANTD, 'src/pages/UsersPage.tsx'] },
  { route: '/crisis-cases 危机跟进（咨询师）', modules: [SHELL, ANTD, 'src/pages/CrisisCasesPage.tsx'] },
  { route: '/kb 知识库（管理员）', modules: [SHELL, ANTD, 'src/pages/KbListPage.tsx'] },
  { route: '/kb/:slug 编辑文章', modules: [SHELL, ANTD, 'src/pages/KbEditPage.tsx'] },
];

const manifestPath = join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`bundle-budget: ${manifestPath} not found — run \`vite build\` (build.manifest: true) first.`);
  process.exit(2);
}
/** @type {Record<string, {file: string, isEntry?: boolean, imports?: string[], css?: string[]}>} */
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entryKey) {
  console.error('bundle-budget: the manifest has no entry chunk.');
  process.exit(2);
}

const gzipCache = new Map();
function gzipBytes(file) {
  if (!gzipCache.has(file)) {
    const content = readFileSync(join(dist, file));
    gzipCache.set(file, { raw: content.length, gzip: gzipSync(content, { level: 9 }).length });
  }
  return gzipCache.get(file);
}

/** The JS files a manifest key needs before it can run: itself and its static imports, recursively. */
function collect(key, files = new Set(), seen = new Set()) {
  if (seen.has(key)) return files;
  seen.add(key);
  const chunk = manifest[key];
  if (!chunk)
    throw new Error(
      `bundle-budget: "${key}" is not in the manifest — was the page renamed? Update scripts/bundle-budget.mjs.`,
    );
  if (chunk.file.endsWith('.js')) files.add(chunk.file);
  for (const imported of chunk.imports ?? []) collect(imported, files, seen);
  return files;
}

const kb = (bytes) => (bytes / 1024).toFixed(1);
const entryFiles = collect(entryKey);
const sum = (files) =>
  [...files].reduce(
    (acc, file) => {
      const size = gzipBytes(file);
      return { raw: acc.raw + size.raw, gzip: acc.gzip + size.gzip };
    },
    { raw: 0, gzip: 0 },
  );

const rows = [];
let failed = false;
const entry = sum(entryFiles);
rows.push({ route: '(entry) index.html 入口', files: entryFiles.size, raw: entry.raw, gzip: entry.gzip, budget: '' });
for (const { route, modules, budget } of routes) {
  const files = new Set(entryFiles);
  for (const module of modules) collect(module, files);
  const total = sum(files);
  const over = budget && total.gzip > budgetKb * 1024;
  if (over) failed = true;
  rows.push({
    route,
    files: files.size,
    raw: total.raw,
    gzip: total.gzip,
    budget: budget ? (over ? `OVER ${budgetKb} KB` : `ok ≤ ${budgetKb} KB`) : '—',
  });
}

const pad = (text, width) => {
  // CJK characters take two columns in a terminal.
  const visible = [...String(text)].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  return String(text) + ' '.repeat(Math.max(0, width - visible));
};
console.log(
  `\nJavaScript loaded on a first visit (gzip level 9), budget ${budgetKb} KB for the login and guardian routes\n`,
);
console.log(`${pad('route', 44)}${pad('files', 7)}${pad('raw KB', 10)}${pad('gzip KB', 10)}budget`);
console.log('-'.repeat(90));
for (const row of rows) {
  console.log(`${pad(row.route, 44)}${pad(row.files, 7)}${pad(kb(row.raw), 10)}${pad(kb(row.gzip), 10)}${row.budget}`);
}

if (args.includes('--chunks')) {
  console.log('\nLargest chunks (gzip KB):');
  const all = Object.values(manifest)
    .filter((c) => c.file.endsWith('.js'))
    .map((c) => ({ file: c.file, ...gzipBytes(c.file) }))
    .sort((a, b) => b.gzip - a.gzip)
    .slice(0, 15);
  for (const c of all) console.log(`  ${pad(kb(c.gzip), 8)} ${c.file}`);
}

if (failed) {
  console.error(`\nbundle-budget: over budget. Run with --chunks to see the largest chunks.`);
  process.exit(1);
}
console.log('\nbundle-budget: within budget.');
