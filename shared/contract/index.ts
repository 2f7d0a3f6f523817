/** The whole API contract: every endpoint both the server registers and the web client calls. */
export * as identityApi from './identity.js';
export * as studentsApi from './students.js';
export * as orgApi from './org.js';
export * as auditApi from './audit.js';
export * as assistantApi from './assistant.js';
export * as scenariosApi from './scenarios.js';
export * as resourcesApi from './resources.js';
export * as bookingsApi from './bookings.js';
export * from './endpoint.js';
export * from './domain.js';
