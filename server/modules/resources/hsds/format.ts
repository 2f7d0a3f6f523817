/** HSDS directory files: the formats (constants, CSV writing and reading, derived ids). */
import { createHash } from 'node:crypto';
import { AppError } from '../../../http/errors.js';

export const HSDS_VERSION = '3.0';
/** One import carries at most this many services (rows). */
export const MAX_IMPORT_RECORDS = 2000;
/** Rough bounding box of Beijing (WGS-84); coordinates outside it are typos or swapped lat/lng. */
export const BEIJING_BOUNDS = { latMin: 39.4, latMax: 41.1, lngMin: 115.4, lngMax: 117.6 } as const;
/** Reported errors are capped so a wrong file does not produce a megabyte answer. */
export const MAX_REPORTED_ERRORS = 500;
export const MAX_SCHEDULES_PER_SERVICE = 20;

export const CSV_COLUMNS = [
  'organization_id',
  'organization_name',
  'service_id',
  'service_name',
  'description',
  'district_id',
  'address',
  'latitude',
  'longitude',
  'phone',
  'terms',
  'keywords',
  'minimum_age',
  'maximum_age',
  'opening_days',
  'opens_at',
  'closes_at',
  'schedule_rrules',
  'schedule_capacity',
  'schedule_duration_minutes',
  'last_verified_at',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export const REQUIRED_CSV_COLUMNS: CsvColumn[] = [
  'organization_name',
  'service_name',
  'address',
  'latitude',
  'longitude',
  'terms',
];

export type ImportInput = { districtId: string; format: 'json' | 'csv'; content: string; dryRun: boolean };
export type ImportResult = {
  created: number;
  updated: number;
  errors: { row: number; message: string }[];
  dryRun: boolean;
};

/* ───────────────────────── CSV: RFC 4180 writing and reading ───────────────────────── */

/** A cell a spreadsheet would run as a formula (= + - @, and tab/CR that some programs also honour). */
export const FORMULA_START = /^'*[=+\-@\t\r]/;

/** Neutralises formula injection: such a cell gets a leading apostrophe (reversible, see `unescapeFormula`). */
export function escapeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Removes the apostrophe `escapeFormula` added; any other leading apostrophe is kept. */
export function unescapeFormula(value: string): string {
  return /^'(?='*[=+\-@\t\r])/.test(value) ? value.slice(1) : value;
}

/** One CSV field: formula-safe, quoted when it holds a comma, quote, CR or LF (quotes doubled). */
export function csvField(value: string | number | null | undefined): string {
  const text = escapeFormula(value === null || value === undefined ? '' : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export interface CsvRecord {
  /** Spreadsheet row number: the header is row 1, the first data row is row 2. */
  row: number;
  cells: string[];
}

/**
 * Parses RFC 4180 CSV: quoted fields with doubled quotes and embedded line breaks, CRLF / LF / CR line
 * ends, a leading UTF-8 BOM. Lenient where Excel is (a stray quote inside an unquoted field is literal).
 * Rows are numbered as a spreadsheet shows them, so a quoted line break does not shift later numbers.
 */
export function parseCsv(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let cells: string[] = [];
  let field = '';
  let row = 1;
  let line = 1;
  let inQuotes = false;
  let quoteLine = 1;
  let quotedField = false;
  const endRecord = () => {
    cells.push(field);
    // A blank line keeps its row number but is not a record.
    if (cells.length > 1 || cells[0] !== '' || quotedField) out.push({ row, cells });
    cells = [];
    field = '';
    quotedField = false;
    row++;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      inQuotes = true;
      quotedField = true;
      quoteLine = line;
      i++;
      continue;
    }
    if (c === ',') {
      cells.push(field);
      field = '';
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    field += c;
    i++;
  }
  if (inQuotes) {
    throw new AppError(
      'VALIDATION_FAILED',
      `CSV 第 ${row} 行（文件第 ${quoteLine} 行起）的英文双引号没有闭合，请检查该行内容`,
    );
  }
  if (field !== '' || cells.length > 0 || quotedField) endRecord();
  return out;
}

/* ───────────────────────── Export ───────────────────────── */

/** A stable UUID for the HSDS entities we do not store separately (location, service_at_location). */
export function derivedId(id: string, kind: string): string {
  const h = createHash('sha1').update(`gongyu:${kind}:${id}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const pad2 = (n: number) => String(n).padStart(2, '0');
export const iso = (v: Date | string) => new Date(v).toISOString();
