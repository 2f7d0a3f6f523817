/** Safety vocabulary shared by the crisis check, the counsellor queue and the web: one copy of each. */

export const CRISIS_CATEGORIES = ['selfHarm', 'abuse', 'sexualHarm', 'bullyingExtortion', 'runaway', 'medical'] as const;
export type CrisisCategory = (typeof CRISIS_CATEGORIES)[number];

export const crisisCategoryLabels: Record<CrisisCategory, string> = {
  selfHarm: '自伤自杀风险',
  abuse: '虐待或家庭暴力',
  sexualHarm: '性侵害或网络性剥削',
  bullyingExtortion: '严重欺凌或勒索',
  runaway: '离家出走或失联',
  medical: '紧急医疗危险',
};

/** Categories of a follow-up case: the crisis categories plus a guardian's plain request for a call back. */
export const caseCategoryLabels: Record<string, string> = { ...crisisCategoryLabels, counselorRequest: '请求咨询师联系' };

export const CASE_STATUSES = ['open', 'seen', 'contacted', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const caseStatusLabels: Record<CaseStatus, string> = {
  open: '待处理',
  seen: '已查看',
  contacted: '已联系',
  closed: '已结案',
};

/**
 * Public lines: 110 police, 120 emergency medical, 12355 青少年服务台 (Communist Youth League youth
 * service line), 12356 national psychological assistance line, 010-82951332 北京心理危机研究与干预中心
 * (Beijing Huilongguan Hospital crisis line), 12338 women's and children's rights line.
 */
export const HOTLINES = [
  { number: '110', label: '报警（人身安全受到威胁时）' },
  { number: '120', label: '医疗急救' },
  { number: '12355', label: '青少年服务台（心理与法律咨询）' },
  { number: '12356', label: '心理援助热线' },
  { number: '010-82951332', label: '北京心理危机研究与干预中心' },
  { number: '12338', label: '妇女儿童维权热线' },
] as const;
