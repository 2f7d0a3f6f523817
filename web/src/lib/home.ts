import type { Me } from '../../../shared/contract/identity.js';

/** The first page for a user: their children, their classes, or the widest admin view they have. */
export function homePathFor(me: Me): string {
  if (me.children.length > 0 || me.roles.some((r) => r.role === 'guardian')) return '/children';
  if (me.classes.length > 0) return '/classes';
  // Counsellors come for the crisis follow-up queue.
  if (me.roles.some((r) => r.role === 'counselor')) return '/crisis-cases';
  if (me.can.searchStudents) return '/students';
  if (me.can.viewOrgTree) return '/org';
  if (me.can.searchAudit) return '/audit';
  return '/';
}

/** Only same-site paths may be used as a post-login destination (no open redirect). */
export function safeNextPath(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return null;
  return next;
}
