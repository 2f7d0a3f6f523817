import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import * as api from '../../../shared/contract/resources.js';
import { AppError } from '../../http/errors.js';
import type { AppDeps } from '../../http/context.js';
import { route } from '../../http/route.js';
import { can } from '../policy/policy.js';
import { exportDirectory } from './hsds/export.js';
import { importDirectory } from './hsds/import.js';
import * as service from './service.js';
import * as taxonomy from './taxonomy.js';

/** 教育新地图: search, details and slots for every signed-in user; listings and schedules for their units. */
export function resourceRoutes(app: FastifyInstance, { db, config }: AppDeps, authenticate: onRequestAsyncHookHandler) {
  route(app, authenticate, api.searchResources, ({ actor, query, request }) =>
    service.search(db, actor, query, request.ip),
  );

  route(app, authenticate, api.mapConfig, async () => service.mapConfig(config));

  route(app, authenticate, api.getResource, ({ actor, params }) => service.readResource(db, actor, params.resourceId));

  route(app, authenticate, api.listSlots, ({ actor, params, query }) =>
    service.listResourceSlots(db, actor, params.resourceId, query.from, query.days),
  );

  route(app, authenticate, api.listTerms, ({ actor, query }) => taxonomy.listTerms(db, actor, query.includeInactive));

  route(app, authenticate, api.createTerm, ({ actor, body, request }) =>
    db.transaction((tx) => taxonomy.createTerm(tx, actor, body, request.ip)),
  );

  route(app, authenticate, api.updateTerm, ({ actor, params, body, request }) =>
    db.transaction((tx) => taxonomy.updateTerm(tx, actor, params.termId, body, request.ip)),
  );

  route(app, authenticate, api.listManagedResources, ({ actor }) => service.listManaged(db, actor));

  route(app, authenticate, api.createResource, ({ actor, params, body, request }) =>
    db.transaction((tx) => service.createResource(tx, actor, params.unitId, body, request.ip)),
  );

  route(app, authenticate, api.updateResource, ({ actor, params, body, request }) =>
    db.transaction((tx) => service.updateResource(tx, actor, params.resourceId, body, request.ip)),
  );

  route(app, authenticate, api.verifyResource, ({ actor, params, request }) =>
    db.transaction((tx) => service.verifyResource(tx, actor, params.resourceId, request.ip)),
  );

  route(app, authenticate, api.createSchedule, ({ actor, params, body, request }) =>
    db.transaction((tx) => service.createSchedules(tx, actor, params.resourceId, body, request.ip)),
  );

  route(app, authenticate, api.deleteSchedule, ({ actor, params, request }) =>
    db.transaction((tx) => service.deleteSchedule(tx, actor, params.resourceId, params.scheduleId, request.ip)),
  );

  route(app, authenticate, api.setSlotStatus, ({ actor, params, body, request }) =>
    db.transaction((tx) => service.setSlotStatus(tx, actor, params.slotId, body.status, request.ip)),
  );

  route(app, authenticate, api.onboardUnit, ({ actor, body, request }) =>
    db.transaction((tx) => service.onboardUnit(tx, actor, body, request.ip)),
  );

  route(app, authenticate, api.importDirectory, async ({ actor, body, request }) => {
    if (!can(actor, 'directory:import', { districtId: body.districtId })) {
      throw new AppError('FORBIDDEN', '只能导入本区的资源目录');
    }
    return importDirectory(db, actor, body, request.ip);
  });

  // A file download, not JSON: registered directly, validated by the same contract schema.
  app.get(
    api.exportDirectory.path,
    { onRequest: [authenticate], schema: { summary: api.exportDirectory.summary, tags: api.exportDirectory.tags } },
    async (request, reply) => {
      const parsed = api.exportDirectory.query!.safeParse(request.query);
      if (!parsed.success) {
        throw new AppError(
          'VALIDATION_FAILED',
          parsed.error.issues[0]?.message ?? '参数不正确',
          parsed.error.issues.map((i) => ({ path: `query.${i.path.join('.')}`, message: i.message })),
        );
      }
      const actor = request.actor!;
      const { format, districtId } = parsed.data;
      // An admin tool: a district's export for its admins, the whole city's for the city.
      if (!can(actor, 'directory:import', { districtId: districtId ?? null })) {
        throw new AppError(
          'FORBIDDEN',
          districtId ? '只能导出本区的资源目录' : '导出全市目录需要市级管理员权限，请选择区',
        );
      }
      const file = await exportDirectory(db, districtId, format);
      const name = `gongyu-directory-${districtId ?? 'beijing'}.${format}`;
      reply.header('Content-Disposition', `attachment; filename="${name}"`);
      reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
      return reply.send(file);
    },
  );
}
