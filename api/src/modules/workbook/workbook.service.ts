/**
 * Importing the engagement workbook (issue 17.1). The preview reads the upload and compares it with
 * the record (workbook-diff), writing nothing. The apply reads the same file again, checks that the
 * preview the user confirmed still holds (If-Match: its digest, else 412 with the new preview),
 * takes the workbook's value only for the conflicts the user chose, checks every change against the
 * policy table, and writes: node titles as ONE tree revision (the tree editor's own path), and the
 * actions, milestones, plans and measurements in that same transaction — all or nothing.
 */
import {
  can,
  type MilestoneStatus,
  type TreeOperation,
  type WorkbookApplyQuery,
  type WorkbookApplyResult,
  type WorkbookPreview,
} from '@banso/shared';
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { actions, measurements, milestones, treeNodes, verificationPlans } from '../../db/schema/index.js';
import type { ServiceContext } from '../../lib/context.js';
import { recordAudit } from '../../lib/audit.js';
import { BadRequest, DomainError, PreconditionFailed, PreconditionRequired } from '../../lib/errors.js';
import { readSheets } from '../../lib/grid-file.js';
import { authorize, type EngagementAccess, lockEngagement } from '../access/access.service.js';
import * as actionRepo from '../actions/actions.repository.js';
import { keepAgreedRoadmapComplete } from '../engagements/engagements.service.js';
import { collectRecord } from '../reports/facts.js';
import { editableRows } from '../reports/exports/xlsx.js';
import * as roadmapRepo from '../roadmap/roadmap.repository.js';
import type { TreeCache } from '../tree/tree.cache.js';
import { applyOperations } from '../tree/tree.service.js';
import { diffWorkbook, type Plan, parseWorkbook } from './workbook-diff.js';

const invalid = (errors: { message: string }[], what = 'workbook') =>
  new BadRequest(
    `The ${what} has ${errors.length} cell${errors.length === 1 ? '' : 's'} that cannot be imported, first: ${errors[0]!.message}; nothing was written`,
    errors as never,
    'invalid_workbook',
  );

/** Ids of the upload that are records of another engagement: a row pasted from another workbook. */
async function foreignIds(db: Db, ids: string[]): Promise<Set<string>> {
  const uuids = [...new Set(ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id)))];
  if (uuids.length === 0) return new Set();
  const found = await Promise.all([
    db.select({ id: treeNodes.id }).from(treeNodes).where(inArray(treeNodes.id, uuids)),
    db.select({ id: actions.id }).from(actions).where(inArray(actions.id, uuids)),
    db.select({ id: milestones.id }).from(milestones).where(inArray(milestones.id, uuids)),
    db.select({ id: verificationPlans.id }).from(verificationPlans).where(inArray(verificationPlans.id, uuids)),
    db.select({ id: measurements.id }).from(measurements).where(inArray(measurements.id, uuids)),
  ]);
  return new Set(found.flat().map((r) => r.id));
}

async function planOf(ctx: ServiceContext, db: Db, access: EngagementAccess, engagementId: string, body: unknown): Promise<Plan> {
  const sheets = await readSheets(body);
  const { parsed, errors } = parseWorkbook(sheets, engagementId);
  if (!parsed) throw invalid(errors);
  const record = await collectRecord(db, engagementId, { today: ctx.clock.today(), now: ctx.clock.now() });
  const rows = editableRows(record);
  const own = new Set(Object.values(rows).flatMap((list) => list.map((r) => r.id)));
  const foreign = await foreignIds(
    db,
    parsed.rows.flatMap((r) => (r.id && !own.has(r.id) ? [r.id] : [])),
  );
  const diff = diffWorkbook(parsed, {
    rows,
    treeRevision: record.versions.treeRevision,
    foreignIds: foreign,
    can: (action) => can(access, action),
  });
  if (!diff.plan) throw invalid(diff.errors);
  return diff.plan;
}

/** Reads the uploaded workbook and lists what applying it would change; writes nothing. */
export async function previewWorkbook(ctx: ServiceContext, engagementId: string, body: unknown): Promise<WorkbookPreview> {
  const access = await authorize(ctx, engagementId, 'export.read');
  return (await planOf(ctx, ctx.db, access, engagementId, body)).preview;
}

/** The preview's digest from If-Match (`"abc…"`); 428 when absent. */
export function digestOf(header: string | string[] | undefined): string {
  if (header === undefined || header === '') throw new PreconditionRequired();
  const match = /^(?:W\/)?"?([0-9a-f]{8,64})"?$/.exec(String(header).trim());
  if (!match) throw new BadRequest('If-Match must be the digest of the preview', [{ path: 'If-Match', message: 'malformed ETag' }]);
  return match[1]!;
}

type Patch = Record<string, string | number | null>;

export async function applyWorkbook(
  ctx: ServiceContext,
  {
    cache,
    engagementId,
    body,
    ifMatch,
    query,
    maxNodes,
  }: { cache: TreeCache; engagementId: string; body: unknown; ifMatch: () => string; query: WorkbookApplyQuery; maxNodes: number },
): Promise<WorkbookApplyResult> {
  const access = await authorize(ctx, engagementId, 'export.read');
  const expected = ifMatch();
  const plan = await planOf(ctx, ctx.db, access, engagementId, body);
  const { preview } = plan;
  if (preview.digest !== expected)
    throw new PreconditionFailed(
      preview,
      'The engagement changed since the preview in a way that affects this workbook: look at the new preview',
    );
  const take = new Set((query.take ?? '').split(',').filter(Boolean));
  const keys = new Set(preview.conflicts.map((c) => c.key));
  const unknown = [...take].filter((k) => !keys.has(k));
  if (unknown.length > 0)
    throw new BadRequest(
      `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a conflict of this workbook`,
      unknown.map((k) => ({ path: 'querystring.take', message: `${k} is not a conflict` })),
    );
  const taken = preview.conflicts.filter((c) => take.has(c.key));
  const writes = [...preview.changed.map((c) => ({ ...c, value: c.to })), ...taken.map((c) => ({ ...c, value: c.uploaded }))];
  const addedRows = preview.added.filter((a) => a.applied);
  const removedRows = preview.removed.filter((r) => r.applied);

  // Every row's permission, not just one: the file is refused whole, naming each row the role may not change.
  const refused = [
    ...writes.filter((w) => !w.allowed).map((w) => ({ sheet: w.sheetName, row: w.row, column: w.column, field: w.field })),
    ...[...addedRows, ...removedRows].filter((r) => !r.allowed).map((r) => ({ sheet: r.sheetName, row: r.row, column: '', field: '' })),
  ];
  if (refused.length > 0)
    throw new DomainError(
      403,
      'forbidden',
      `Your role (${access.role}) may not make ${refused.length} of these changes; nothing was written`,
      {
        errors: refused.map((r) => ({
          path: `${r.sheet}!${r.column}${r.row}`,
          sheet: r.sheet,
          row: r.row,
          column: r.column,
          rule: 'forbidden',
          message: `${r.sheet} ${r.column}${r.row}: your role may not change this`,
        })),
      },
    );

  // Grouped by record: one write (and one audit entry) per row.
  const patches = new Map<string, { sheet: string; id: string; patch: Patch }>();
  for (const w of writes) {
    const key = `${w.sheet}|${w.id}`;
    const entry = patches.get(key) ?? { sheet: w.sheet, id: w.id!, patch: {} };
    entry.patch[w.field] = w.value;
    patches.set(key, entry);
  }
  const operations: TreeOperation[] = [...patches.values()]
    .filter((p) => p.sheet === 'tree')
    .map((p) => ({ op: 'update', id: p.id, title: String(p.patch.title) }));

  const { actor, clock } = ctx;
  const writeRest = async (tx: Db) => {
    await lockEngagement(tx, engagementId);
    const stale = () => {
      throw new PreconditionFailed(undefined, 'A row changed while the workbook was being applied; nothing was written');
    };
    let roadmapTouched = false;
    for (const { sheet, id, patch } of patches.values()) {
      const now = plan.current.get(`${sheet}|${id}`)!;
      if (sheet === 'actions') {
        roadmapTouched = true;
        const set: Parameters<typeof actionRepo.updateAction>[4] = { updatedAt: clock.now() };
        if ('ownerDepartment' in patch) set.ownerDepartment = String(patch.ownerDepartment);
        if ('partners' in patch)
          set.partners = String(patch.partners ?? '')
            .split('、')
            .filter(Boolean);
        if ('priority' in patch) set.priority = patch.priority as never;
        if ('status' in patch) set.status = patch.status as never;
        if ('rationale' in patch) set.rationale = String(patch.rationale);
        const row = await actionRepo.updateAction(tx, engagementId, id, now.version, set);
        if (!row) stale();
        await recordAudit(tx, {
          actorId: actor.id,
          engagementId,
          entity: 'action',
          entityId: id,
          action: 'action.update',
          before: now.values,
          after: { ...now.values, ...patch, via: 'workbook' },
        });
      } else if (sheet === 'roadmap') {
        const set: Parameters<typeof roadmapRepo.updateMilestone>[4] = {};
        if ('due' in patch) set.due = String(patch.due);
        if ('title' in patch) set.title = String(patch.title);
        if ('status' in patch) {
          const to = patch.status as MilestoneStatus;
          set.status = to;
          if (to === 'done' && now.values.status !== 'done') Object.assign(set, { completedAt: clock.now(), completedBy: actor.id });
          if (to !== 'done' && now.values.status === 'done') Object.assign(set, { completedAt: null, completedBy: null });
        }
        if (!(await roadmapRepo.updateMilestone(tx, engagementId, id, now.version, set))) stale();
        await recordAudit(tx, {
          actorId: actor.id,
          engagementId,
          entity: 'milestone',
          entityId: id,
          action: 'milestone.update',
          before: now.values,
          after: { ...now.values, ...patch, via: 'workbook' },
        });
      } else if (sheet === 'plans') {
        roadmapTouched = true;
        if (!(await roadmapRepo.updatePlan(tx, engagementId, id, now.version, { ...patch, updatedAt: clock.now() }))) stale();
        await recordAudit(tx, {
          actorId: actor.id,
          engagementId,
          entity: 'verification_plan',
          entityId: id,
          action: 'verification_plan.update',
          before: now.values,
          after: { ...now.values, ...patch, via: 'workbook' },
        });
      } else if (sheet === 'measurements') {
        const ok = await roadmapRepo.updateMeasurement(
          tx,
          { engagementId, planId: now.parent, measurementId: id, version: now.version },
          { ...(patch as { period?: string; value?: number; comment?: string }), enteredBy: actor.id },
        );
        if (!ok) stale();
        await recordAudit(tx, {
          actorId: actor.id,
          engagementId,
          entity: 'measurement',
          entityId: id,
          action: 'measurement.update',
          before: now.values,
          after: { ...now.values, ...patch, via: 'workbook' },
        });
      }
    }
    for (const r of removedRows) {
      const now = plan.current.get(`${r.sheet}|${r.id}`)!;
      if (!(await roadmapRepo.deleteMeasurement(tx, { engagementId, planId: now.parent, measurementId: now.id, version: now.version })))
        stale();
      await recordAudit(tx, {
        actorId: actor.id,
        engagementId,
        entity: 'measurement',
        entityId: now.id,
        action: 'measurement.delete',
        before: now.values,
      });
    }
    for (const a of plan.additions) {
      const values = {
        period: String(a.row.values.period),
        value: Number(a.row.values.value),
        comment: String(a.row.values.comment ?? ''),
      };
      if (!(await roadmapRepo.insertMeasurement(tx, { planId: a.planId, ...values, enteredBy: actor.id, createdAt: clock.now() }))) stale();
      const [m] = await roadmapRepo.listMeasurements(tx, engagementId, { planId: a.planId, period: values.period });
      await recordAudit(tx, {
        actorId: actor.id,
        engagementId,
        entity: 'measurement',
        entityId: m!.measurement.id,
        action: 'measurement.create',
        before: null,
        after: { ...values, planId: a.planId, via: 'workbook' },
      });
    }
    if (roadmapTouched) await keepAgreedRoadmapComplete(tx, engagementId);
  };

  const summary = {
    changed: preview.changed.length,
    taken: taken.length,
    kept: preview.conflicts.length - taken.length,
    added: addedRows.length,
    removed: removedRows.length,
  };
  let treeRevision = preview.treeRevision;
  if (operations.length > 0) {
    const tree = await applyOperations(ctx, {
      cache,
      engagementId,
      ifMatch: () => preview.treeRevision,
      operations,
      maxNodes,
      purpose: { audit: { action: 'workbook.import', after: summary }, alsoWrite: writeRest },
    });
    treeRevision = tree.revision;
  } else if (patches.size + addedRows.length + removedRows.length > 0)
    await ctx.db.transaction(async (tx) => {
      await writeRest(tx);
      await recordAudit(tx, {
        actorId: actor.id,
        engagementId,
        entity: 'engagement',
        entityId: engagementId,
        action: 'workbook.import',
        after: summary,
      });
    });
  return { treeRevision, ...summary };
}
