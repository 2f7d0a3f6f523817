/**
 * Process entry: configuration → database (open, migrate, seed the demo city) → HTTP server, and a
 * graceful shutdown on SIGTERM/SIGINT. Bad configuration exits with code 1 and says why.
 */
import pino from 'pino';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/client.js';
import { MissingPostgisError, migrateDatabase } from './db/migrate.js';
import { seedKnowledgeBase } from './modules/assistant/knowledge/service.js';
import { readDemoCitySummary, seedDemoCity } from './modules/demo/seed.js';
import { sweep } from './modules/bookings/service.js';
import { seedVenueDirectory } from './modules/resources/seed.js';
import { extendSlotHorizon } from './modules/resources/service.js';
import { seedTaxonomy } from './modules/resources/taxonomy.js';
import { sql } from 'drizzle-orm';

async function main() {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const log = pino({ level: config.LOG_LEVEL });
  const startedAt = Date.now();

  let handle: DatabaseHandle;
  try {
    log.info({ database: config.DATABASE_URL ? 'postgres' : 'pglite', dataDir: config.DATA_DIR }, '正在打开数据库');
    handle = await openDatabase(config);
    await migrateDatabase(handle);
  } catch (error) {
    if (error instanceof MissingPostgisError) {
      log.fatal(error.message);
      process.exit(1);
    }
    log.fatal({ err: error }, '数据库初始化失败');
    process.exit(1);
  }

  // The embedded database is the zero-setup demo: it always carries the demo city. A real PostgreSQL
  // gets demo data only when asked.
  let seededNow = false;
  if (handle.kind === 'pglite' || config.SEED_DEMO) {
    seededNow = !(await readDemoCitySummary(handle.db));
    const summary = await seedDemoCity(handle.db, 'demo');
    log.info(summary, '演示城市数据就绪');
    const venues = await seedVenueDirectory(handle.db);
    if (venues) log.info({ venues }, '教育新地图场馆已载入');
  }
  // The taxonomy is product data: every database gets the default tags (admins edit them later).
  await seedTaxonomy(handle.db);
  const newSlots = await extendSlotHorizon(handle.db);
  if (newSlots) log.info({ slots: newSlots }, '已生成未来 28 天的预约时段');

  // The knowledge base is product content, not demo data: every database gets it.
  const articles = await seedKnowledgeBase(handle.db);
  if (articles) log.info({ articles }, '知识库文章已载入');
  // Fresh bulk data has no planner statistics (PGlite runs no autovacuum); gather them once.
  if (seededNow || articles) await handle.db.execute(sql`ANALYZE`);

  const app = await buildApp({ db: handle.db, config }, { logger: { level: config.LOG_LEVEL } });

  // Booking housekeeping: lapsed 5-minute holds free their seats (waiting list first); once a day the
  // slot horizon moves forward. Runs in-process; with several processes the slot locks keep it safe.
  let lastHorizon = Date.now();
  const housekeeping = setInterval(() => {
    void (async () => {
      try {
        await sweep(handle.db);
        if (Date.now() - lastHorizon > 6 * 3_600_000) {
          lastHorizon = Date.now();
          await extendSlotHorizon(handle.db);
        }
      } catch (error) {
        log.error({ err: error }, '预约维护任务失败');
      }
    })();
  }, config.BOOKING_SWEEP_SECONDS * 1000);
  housekeeping.unref();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    clearInterval(housekeeping);
    log.info({ signal }, '正在停止服务');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await app.close();
      await handle.close();
      log.info('已停止');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, '停止时出错');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.PORT, host: config.HOST });
  log.info({ url: `http://localhost:${config.PORT}`, startupMs: Date.now() - startedAt }, '共育已启动');
}

main().catch((error: unknown) => {
  process.stderr.write(`启动失败：${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
