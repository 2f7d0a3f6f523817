/**
 * Crisis vocabulary for the web. The server keeps the same labels in
 * server/modules/assistant/crisis.ts; the shared contract does not export them yet.
 */
export const crisisCategoryLabels: Record<string, string> = {
  selfHarm: '自伤自杀风险',
  abuse: '虐待或家庭暴力',
  sexualHarm: '性侵害或网络性剥削',
  bullyingExtortion: '严重欺凌或勒索',
  runaway: '离家出走或失联',
  medical: '紧急医疗危险',
  // Not a crisis: a guardian asked a counsellor to call back (POST /assistant/counselor-requests).
  counselorRequest: '请求咨询师联系',
};

/** Categories in the queue that are requests for help rather than safety risks. */
export const NON_CRISIS_CATEGORIES = new Set(['counselorRequest']);

export function crisisCategoryLabel(category: string): string {
  return crisisCategoryLabels[category] ?? category;
}

export type CrisisStatus = 'open' | 'seen' | 'contacted' | 'closed';
export const crisisStatusLabels: Record<CrisisStatus, string> = {
  open: '待处理',
  seen: '已查看',
  contacted: '已联系',
  closed: '已结案',
};

/** Public lines a guardian can always call (the same numbers as the server's safety response). */
export const SUPPORT_HOTLINES = [
  { number: '12355', label: '青少年服务台（心理与法律咨询）' },
  { number: '12356', label: '心理援助热线' },
  { number: '010-82951332', label: '北京心理危机研究与干预中心' },
] as const;
