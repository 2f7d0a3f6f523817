import { createHash, randomBytes } from 'node:crypto';
import type { Assignment } from '../policy/policy.js';

export const SESSION_COOKIE = 'gy_session';

/**
 * Session lifetimes per kind of user. Staff follow OWASP ASVS L2 (re-authenticate after 30 minutes idle
 * or 12 hours); a guardian on a phone stays signed in longer but sees only their own children.
 */
export const sessionLifetimes = {
  staff: { idleSeconds: 30 * 60, absoluteSeconds: 12 * 60 * 60 },
  guardian: { idleSeconds: 7 * 24 * 60 * 60, absoluteSeconds: 30 * 24 * 60 * 60 },
} as const;

export function lifetimeFor(assignments: Assignment[]) {
  return assignments.length > 0 ? sessionLifetimes.staff : sessionLifetimes.guardian;
}

/** 256 random bits for the cookie; only its SHA-256 is stored, so the table alone cannot be replayed. */
export function newSessionToken(): { token: string; id: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, id: sessionIdFromToken(token) };
}

export function sessionIdFromToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Only update `last_seen_at` once a minute: idle expiry stays exact to the minute without a write per request. */
export const TOUCH_AFTER_MS = 60_000;
