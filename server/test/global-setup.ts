import type { TestProject } from 'vitest/node';
import { dropPostgresTemplate, preparePgliteSnapshot, preparePostgresTemplate } from './database.js';

/** Runs once per `vitest run`: migrate and seed one database that every test file copies. */
export default async function setup(_project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    await preparePostgresTemplate(url);
    return async () => dropPostgresTemplate(url);
  }
  process.env.GONGYU_TEST_SNAPSHOT = await preparePgliteSnapshot();
  return undefined;
}
