import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import * as api from '../../../shared/contract/students.js';
import type { AppDeps } from '../../http/context.js';
import { route } from '../../http/route.js';
import { profileConsentNotice } from '../consent/policy-text.js';
import * as consent from '../consent/service.js';
import { presentStudentRow } from './presenter.js';
import * as service from './service.js';

export function studentRoutes(app: FastifyInstance, { db }: AppDeps, authenticate: onRequestAsyncHookHandler) {
  route(app, authenticate, api.getStudent, ({ actor, params, query, request }) =>
    service.readStudent(db, actor, params.studentId, query.purpose, request.ip),
  );

  route(app, authenticate, api.updateStudent, ({ actor, params, body, request }) =>
    service.updateStudent(db, actor, params.studentId, body, request.ip),
  );

  route(app, authenticate, api.searchStudents, async ({ actor, query, request }) => {
    const { items, total } = await service.searchStudents(db, actor, query, request.ip);
    return { items: items.map(presentStudentRow), total };
  });

  route(app, authenticate, api.listClassRoster, async ({ actor, params, request }) => {
    const { klass, items } = await service.classRoster(db, actor, params.classId, request.ip);
    return {
      class: { id: klass.id, name: klass.name, schoolName: klass.schoolName, gradeNumber: klass.gradeNumber },
      items: items.map((s) => ({
        ...presentStudentRow(s),
        primaryGuardianName: s.primaryGuardianName,
        profileConsent: s.profileConsent,
      })),
    };
  });

  route(app, authenticate, api.consentPolicy, async () => ({
    ...profileConsentNotice,
    paragraphs: [...profileConsentNotice.paragraphs],
  }));

  route(app, authenticate, api.listConsents, async ({ actor, params, request }) => {
    const student = await service.loadAuthorized(db, actor, params.studentId, 'student:read', request.ip);
    return consent.consentState(db, student);
  });

  route(app, authenticate, api.decideConsent, async ({ actor, params, body, request }) => {
    const student = await service.loadAuthorized(db, actor, params.studentId, 'consent:decide', request.ip);
    return consent.decide(db, actor, student, body, request.ip);
  });
}
