/** Placeholder until the HSDS import/export lands (being written). */
import type { Database } from '../../db/client.js';
import { AppError } from '../../http/errors.js';
import type { Actor } from '../policy/policy.js';

export async function exportDirectory(_db: Database, _districtId: string | undefined, _format: 'json' | 'csv'): Promise<string> {
  throw new AppError('SERVICE_UNAVAILABLE', '导出功能建设中');
}

export async function importDirectory(
  _db: Database,
  _actor: Actor,
  _input: { districtId: string; format: 'json' | 'csv'; content: string; dryRun: boolean },
  _ip: string,
): Promise<{ created: number; updated: number; errors: { row: number; message: string }[]; dryRun: boolean }> {
  throw new AppError('SERVICE_UNAVAILABLE', '导入功能建设中');
}
