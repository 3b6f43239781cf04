import {
  type MunicipalityImportPreview,
  type MunicipalityImportQuery,
  type MunicipalityImportResult,
  type MunicipalityImportRowError,
} from '@banso/shared';
import type { Db } from '../../db/client.js';
import { invalidRows } from '../../lib/errors.js';
import { authorizeOffice } from '../access/access.service.js';
import type { Actor } from '../auth/auth.service.js';
import { readGrid } from '../../lib/grid-file.js';
import { categoryFromName, type MasterRow, validateGrid, type ValidatedFile } from './import-file.js';
import * as organizers from '../organizers/organizers.repository.js';
import * as repo from './municipalities.repository.js';

/** Region type of a new municipality when the file has none (the official list does not carry one). */
const DEFAULT_REGION_TYPE = 'urban' as const;

/** The master is office-wide: the program office of an organizer imports; returns the organizer. */
const assertMayImport = (actor: Actor): string => authorizeOffice({ actor }, 'municipality.import').organizerId;

type Values = Omit<repo.NewMunicipality, 'id' | 'updatedAt'>;
const compared = ['name', 'prefecture', 'prefectureKana', 'nameKana', 'category', 'regionType', 'population', 'agingRate'] as const;

interface Plan {
  file: ValidatedFile;
  errors: MunicipalityImportRowError[];
  creates: { row: MasterRow; values: Values }[];
  updates: { row: MasterRow; before: repo.MunicipalityRow; values: Partial<Values> }[];
  unchanged: number;
  /** Ids of the stored municipalities the file leaves as they are. */
  existingUnchanged: string[];
}

/** What the file would do against the stored master: a blank cell or an absent column keeps the stored value. */
async function plan(db: Db, body: unknown): Promise<Plan> {
  const file = validateGrid(await readGrid(body));
  const existing = new Map(
    (
      await repo.findByCodes(
        db,
        file.valid.map((r) => r.code),
      )
    ).map((m) => [m.code, m]),
  );
  const errors = [...file.errors];
  const result: Plan = { file, errors, creates: [], updates: [], unchanged: 0, existingUnchanged: [] };
  for (const row of file.valid) {
    const before = existing.get(row.code);
    if (!before) {
      const category = row.category ?? categoryFromName(row.name);
      if (!category) {
        errors.push({
          row: row.row,
          column: 'category',
          field: 'category',
          code: row.code,
          reason: 'unknown_category',
          message: `${row.name}: no category given, and the name does not end in 区, 市, 町 or 村`,
        });
        continue;
      }
      result.creates.push({
        row,
        values: {
          code: row.code,
          name: row.name,
          prefecture: row.prefecture,
          prefectureKana: row.prefectureKana,
          nameKana: row.nameKana,
          category,
          regionType: row.regionType ?? DEFAULT_REGION_TYPE,
          population: row.population,
          agingRate: row.agingRate,
        },
      });
      continue;
    }
    const merged: Values = {
      code: row.code,
      name: row.name,
      prefecture: row.prefecture ?? before.prefecture,
      prefectureKana: row.prefectureKana ?? before.prefectureKana,
      nameKana: row.nameKana ?? before.nameKana,
      category: row.category ?? before.category,
      regionType: row.regionType ?? before.regionType,
      population: row.population ?? before.population,
      agingRate: row.agingRate ?? before.agingRate,
    };
    const changed = Object.fromEntries(compared.filter((k) => merged[k] !== before[k]).map((k) => [k, merged[k]])) as Partial<Values>;
    if (Object.keys(changed).length) result.updates.push({ row, before, values: changed });
    else {
      result.unchanged++;
      result.existingUnchanged.push(before.id);
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return result;
}

/** Lists every bad row and what applying would do; writes nothing. */
export async function previewImport(
  db: Db,
  actor: Actor,
  body: unknown,
  query: MunicipalityImportQuery = { jurisdiction: 'add' },
): Promise<MunicipalityImportPreview> {
  const organizerId = assertMayImport(actor);
  const p = await plan(db, body);
  const existingIds = [...p.updates.map((u) => u.before.id), ...p.existingUnchanged];
  const already = await organizers.inJurisdiction(db, organizerId, existingIds);
  return {
    format: p.file.format,
    encoding: p.file.encoding,
    rows: p.file.rows,
    skipped: p.file.skipped,
    valid: p.creates.length + p.updates.length + p.unchanged,
    errors: p.errors,
    create: p.creates.length,
    update: p.updates.length,
    unchanged: p.unchanged,
    jurisdictionAdd: query.jurisdiction === 'add' ? p.creates.length + existingIds.filter((id) => !already.has(id)).length : 0,
  };
}

const snapshot = (v: Partial<Values>) => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined));

/** Re-validates and, when every row is good, upserts by code in one transaction (audited); a bad row refuses the whole file. */
export async function applyImport(
  db: Db,
  actor: Actor,
  body: unknown,
  query: MunicipalityImportQuery = { jurisdiction: 'add' },
): Promise<MunicipalityImportResult> {
  const organizerId = assertMayImport(actor);
  return db.transaction(async (tx) => {
    await repo.lockForImport(tx);
    const p = await plan(tx, body);
    if (p.errors.length) throw invalidRows(p.errors);
    const created = await repo.insertMany(
      tx,
      p.creates.map((c) => c.values),
    );
    for (const u of p.updates) await repo.updateOne(tx, u.before.id, u.values);
    await repo.insertAuditEntries(tx, [
      ...created.map((m) => ({
        actorId: actor.id,
        engagementId: null,
        entity: 'municipality',
        entityId: m.id,
        action: 'import_create',
        before: null,
        after: snapshot(m),
      })),
      ...p.updates.map((u) => ({
        actorId: actor.id,
        engagementId: null,
        entity: 'municipality',
        entityId: u.before.id,
        action: 'import_update',
        before: Object.fromEntries(Object.keys(u.values).map((k) => [k, u.before[k as keyof Values]])),
        after: snapshot(u.values),
      })),
    ]);
    const addedToJurisdiction =
      query.jurisdiction === 'add'
        ? await organizers.addToJurisdiction(tx, organizerId, [
            ...created.map((m) => m.id),
            ...p.updates.map((u) => u.before.id),
            ...p.existingUnchanged,
          ])
        : 0;
    if (addedToJurisdiction)
      await repo.insertAuditEntries(tx, [
        {
          actorId: actor.id,
          engagementId: null,
          entity: 'organizer',
          entityId: organizerId,
          action: 'jurisdiction_import',
          before: null,
          after: { added: addedToJurisdiction },
        },
      ]);
    return {
      rows: p.file.rows,
      skipped: p.file.skipped,
      created: created.length,
      updated: p.updates.length,
      unchanged: p.unchanged,
      addedToJurisdiction,
    };
  });
}
