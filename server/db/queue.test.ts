/**
 * PGlite is a single connection: without one access queue a plain query from one request could run in the
 * middle of another request's transaction. These tests run overlapping transactions and check they never
 * interleave (and, on PostgreSQL, that the same code is correct with a pool).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq, sql } from 'drizzle-orm';
import { systemMeta } from './schema.js';
import { createTestContext, loadFixtures, type TestContext } from '../test/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.db.insert(systemMeta).values({ key: 'counter', value: 0 });
});
afterAll(() => ctx.close());

describe('one access queue', () => {
  it('overlapping read-modify-write transactions never lose an update', async () => {
    const increments = 25;
    await Promise.all(
      Array.from({ length: increments }, (_, i) =>
        ctx.db.transaction(async (tx) => {
          const [row] = await tx.execute<{ value: number }>(
            sql`SELECT value FROM system_meta WHERE key = 'counter' FOR UPDATE`,
          ).then((r) => r.rows);
          // Yield to the event loop mid-transaction, as a real handler awaiting I/O would.
          await sleep(i % 3);
          await tx.update(systemMeta).set({ value: sql`${Number(row!.value) + 1}::int::text::jsonb` }).where(eq(systemMeta.key, 'counter'));
        }),
      ),
    );
    const [final] = await ctx.db.select().from(systemMeta).where(eq(systemMeta.key, 'counter'));
    expect(Number(final!.value)).toBe(increments);
  });

  it('a plain query issued during a transaction does not see or join its uncommitted work', async () => {
    let seenInside: unknown;
    const tx = ctx.db.transaction(async (t) => {
      await t.insert(systemMeta).values({ key: 'in-flight', value: 1 });
      await sleep(20);
      throw new Error('rollback on purpose');
    });
    const outside = (async () => {
      await sleep(5);
      seenInside = await ctx.db.select().from(systemMeta).where(eq(systemMeta.key, 'in-flight'));
    })();
    await expect(tx).rejects.toThrow('rollback on purpose');
    await outside;
    expect(seenInside).toEqual([]);
    expect(await ctx.db.select().from(systemMeta).where(eq(systemMeta.key, 'in-flight'))).toEqual([]);
  });

  it('overlapping transactional HTTP requests (concurrent corrections with audit rows) all apply, each with its audit row', async () => {
    const f = await loadFixtures(ctx.db);
    const cookie = await ctx.login('school1');
    const names = ['甲一', '乙二', '丙三', '丁四', '戊五', '己六', '庚七', '辛八'];
    const responses = await Promise.all(
      names.map((name) =>
        ctx.as(cookie, { method: 'PATCH', url: `/api/v1/students/${f.classmate.id}`, payload: { name } }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(names.map(() => 200));
    // Each response shows its own write: no request saw another's half-finished transaction.
    expect(responses.map((r) => r.json().name)).toEqual(names);
    const audits = await ctx.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'student.update' AND student_id = ${f.classmate.id}`,
    );
    expect(audits.rows[0]!.n).toBe(names.length);
  });

  it.runIf(usesPglite())('using the outer handle inside a transaction fails loudly instead of deadlocking', async () => {
    const failure = await ctx.db
      .transaction(async () => {
        await ctx.db.select().from(systemMeta).limit(1);
      })
      .catch((error: Error & { cause?: Error }) => error.cause ?? error);
    expect((failure as Error).message).toContain('请改用事务句柄 tx');
  });
});

function usesPglite() {
  return !process.env.TEST_DATABASE_URL;
}
