import { getTableName, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * `"table"."column"`, always. Drizzle leaves the table name off columns in the select list of a
 * single-table query, which silently re-binds a correlated subquery's outer reference to the inner table
 * (`consents.district_id = consents.district_id`). Use this for every column inside such a subquery.
 */
export function qualified(column: AnyPgColumn): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}

/** `%text%` for ILIKE with the user's own % _ \ taken literally (a search for "%" finds a "%", not everything). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A `text[]` literal built from bound parameters (drizzle would spread a JS array into a parameter list). */
export function textArray(values: readonly string[]): SQL {
  if (values.length === 0) return sql`'{}'::text[]`;
  return sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}
