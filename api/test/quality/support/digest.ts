import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../src/db/client.js';

const ResultSchema = z.object({ rows: z.array(z.record(z.string(), z.unknown())) });

/** Rows of a raw query, the same on PGlite and node-postgres (both answer `{ rows }`). */
export async function queryRows(db: Db, query: SQL): Promise<Record<string, unknown>[]> {
  return ResultSchema.parse(await db.execute(query)).rows;
}

/** Every table of the application schema (drizzle's own bookkeeping lives in schema `drizzle`). */
export async function tableNames(db: Db): Promise<string[]> {
  const rows = await queryRows(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  return rows.map((r) => z.string().parse(r.name));
}

/**
 * A digest of every row of every table: per table, the row count and an md5 over the rows' text
 * forms in sorted order. Two digests are equal exactly when no table's content changed.
 */
export async function databaseDigest(db: Db, opts: { exclude?: readonly string[] } = {}): Promise<Record<string, string>> {
  const digest: Record<string, string> = {};
  for (const table of await tableNames(db)) {
    if (opts.exclude?.includes(table)) continue;
    const [row] = await queryRows(
      db,
      sql`select count(*)::int as n, coalesce(md5(string_agg(t::text, E'\n' order by t::text)), '') as h from ${sql.identifier(table)} t`,
    );
    digest[table] = `${String(row?.n)}:${String(row?.h)}`;
  }
  return digest;
}

/** Tables whose digest differs, for readable failure messages. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]).sort();
}

let tablesCache: { db: Db; names: string[] } | null = null;

/**
 * A cheap digest for tight loops: per table the row count and the sum and maximum of the rows'
 * `xmin` (the transaction that wrote each row version), in one query. Any committed insert, update
 * or delete changes it; rolled-back work does not. No row is converted to text, so large rows
 * (tree snapshots, report facts) cost nothing extra.
 */
export async function versionDigest(db: Db, opts: { exclude?: readonly string[] } = {}): Promise<Record<string, string>> {
  if (tablesCache?.db !== db) tablesCache = { db, names: await tableNames(db) };
  const names = tablesCache.names.filter((n) => !opts.exclude?.includes(n));
  const parts = names.map(
    (n) =>
      sql`select ${n} as t, count(*)::text || ':' || coalesce(sum(xmin::text::bigint), 0)::text || ':' || coalesce(max(xmin::text::bigint), 0)::text as d from ${sql.identifier(n)}`,
  );
  const rows = await queryRows(db, sql.join(parts, sql` union all `));
  return Object.fromEntries(rows.map((r) => [String(r.t), String(r.d)]));
}
