/** Crisis vocabulary for the web: the shared contract's labels and hotlines, with web-side helpers. */
import { caseCategoryLabels, caseStatusLabels, HOTLINES, type CaseStatus } from '../../../shared/contract/safety.js';

/** Categories in the queue that are requests for help rather than safety risks. */
export const NON_CRISIS_CATEGORIES = new Set(['counselorRequest']);

export function crisisCategoryLabel(category: string): string {
  return caseCategoryLabels[category] ?? category;
}

export type CrisisStatus = CaseStatus;
export const crisisStatusLabels = caseStatusLabels;

/** Public support lines a guardian can always call (the counselling ones of the shared list). */
export const SUPPORT_HOTLINES = HOTLINES.filter((h) => ['12355', '12356', '010-82951332'].includes(h.number));
