/**
 * 「取組と目標」に対する自己評価シート: per fiscal year the items of the municipality's plan, each with
 * indicator, target, actual, mark and 今後の方向性, linked to the engagement's actions. Read like the
 * actions and the roadmap (`self_evaluation.read`), written by the municipality, the advisors and the
 * program office (`self_evaluation.write`).
 */
import {
  carePlanPeriod,
  type CreateSelfEvaluationBody,
  fiscalYearOf,
  type LabelLocale,
  type ReorderSelfEvaluationsBody,
  type ReportSelfEvaluation,
  type SelfEvaluationItem,
  type SelfEvaluationList,
  type UpdateSelfEvaluationBody,
} from '@banso/shared';
import type { Db } from '../../db/client.js';
import type { ServiceContext } from '../../lib/context.js';
import { recordAudit } from '../../lib/audit.js';
import { BadRequest, Conflict, type FieldError, NotFound, PreconditionFailed } from '../../lib/errors.js';
import { authorize, lockEngagement } from '../access/access.service.js';
import * as repo from './self-evaluations.repository.js';
import { renderSelfEvaluationWorkbook } from './self-evaluation-xlsx.js';

const ENTITY = 'self_evaluation';

export function toItem({ item: r, indicator, updatedByName }: repo.SelfEvaluationView): SelfEvaluationItem {
  return {
    id: r.id,
    engagementId: r.engagementId,
    fiscalYear: r.fiscalYear,
    position: r.position,
    theme: r.theme,
    title: r.title,
    indicator: indicator?.id ? indicator : null,
    indicatorName: r.indicatorName,
    unit: r.unit,
    targetValue: r.targetValue,
    actualValue: r.actualValue,
    mark: r.mark,
    comment: r.comment,
    direction: r.direction,
    directionText: r.directionText,
    actionIds: r.actionIds,
    updatedBy: r.updatedBy && updatedByName ? { id: r.updatedBy, name: updatedByName } : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
  };
}

async function sheetHead(db: Db, engagementId: string) {
  const head = await repo.loadSheetHead(db, engagementId);
  if (!head) throw new NotFound('Engagement');
  return { ...head, period: carePlanPeriod(head.programFiscalYear) };
}

/** The fiscal year asked for, else the current one — kept inside the program's plan period. */
function chosenYear(asked: number | undefined, today: string, period: { firstYear: number; lastYear: number }): number {
  if (asked !== undefined) return asked;
  return Math.min(period.lastYear, Math.max(period.firstYear, fiscalYearOf(today)));
}

export async function listItems(ctx: ServiceContext, engagementId: string, fiscalYear?: number): Promise<SelfEvaluationList> {
  const { db } = ctx;
  const access = await authorize(ctx, engagementId, 'self_evaluation.read');
  const head = await sheetHead(db, engagementId);
  const year = chosenYear(fiscalYear, ctx.clock.today(), head.period);
  const rows = await repo.listItems(db, engagementId, year);
  // Observers read the sheet, not who on the staff wrote it (no staff names or user ids leave the engagement).
  const items = rows.map(toItem).map((i) => (access.role === 'observer' ? { ...i, updatedBy: null } : i));
  return { fiscalYear: year, planPeriod: head.period, items };
}

/** Every written reference must be of this engagement or the catalogue: 400 naming the field otherwise. */
async function checkReferences(db: Db, engagementId: string, body: { actionIds?: string[]; indicatorId?: string | null }) {
  const errors: FieldError[] = [];
  if (body.actionIds && body.actionIds.length > 0) {
    const known = await repo.actionsOfEngagement(db, engagementId, body.actionIds);
    body.actionIds.forEach((id, i) => {
      if (!known.has(id)) errors.push({ path: `body.actionIds.${i}`, message: 'No such action in this engagement' });
    });
  }
  if (body.indicatorId && !(await repo.indicatorExists(db, body.indicatorId)))
    errors.push({ path: 'body.indicatorId', message: 'No such indicator in the catalogue' });
  if (errors.length > 0) throw new BadRequest('Unknown reference', errors);
}

async function checkTitle(db: Db, engagementId: string, fiscalYear: number, title: string, exceptId?: string) {
  const other = await repo.findByTitle(db, engagementId, fiscalYear, title, exceptId);
  if (other)
    throw new Conflict('already_exists', 'This fiscal year’s sheet already has an item of this title', {
      errors: [{ path: 'body.title', message: 'Already on this year’s sheet' }],
    });
}

async function loadItem(db: Db, engagementId: string, itemId: string): Promise<SelfEvaluationItem> {
  const row = await repo.findItem(db, engagementId, itemId);
  if (!row) throw new NotFound('Self-evaluation item');
  return toItem(row);
}

/** Adds an item at the end of its fiscal year's sheet; the year lies in the program's plan period. */
export async function createItem(ctx: ServiceContext, engagementId: string, body: CreateSelfEvaluationBody): Promise<SelfEvaluationItem> {
  const { db, actor, clock } = ctx;
  await authorize(ctx, engagementId, 'self_evaluation.write');
  const head = await sheetHead(db, engagementId);
  if (body.fiscalYear < head.period.firstYear || body.fiscalYear > head.period.lastYear)
    throw new BadRequest('The fiscal year is outside the program’s plan period', [
      {
        path: 'body.fiscalYear',
        message: `The plan period (第${head.period.term}期) runs from FY${head.period.firstYear} to FY${head.period.lastYear}`,
      },
    ]);
  await checkReferences(db, engagementId, body);
  await checkTitle(db, engagementId, body.fiscalYear, body.title);
  return db.transaction(async (tx) => {
    // Serializes the numbering of the year's rows across replicas.
    await lockEngagement(tx, engagementId);
    const now = clock.now();
    const row = await repo.insertItem(tx, {
      engagementId,
      ...body,
      position: await repo.nextPosition(tx, engagementId, body.fiscalYear),
      createdBy: actor.id,
      updatedBy: actor.id,
      createdAt: now,
      updatedAt: now,
    });
    const item = await loadItem(tx, engagementId, row.id);
    await recordAudit(tx, { actorId: actor.id, engagementId, entity: ENTITY, entityId: item.id, action: 'create', after: item });
    return item;
  });
}

/** Edits an item (If-Match: 428 without, 412 with the current item when stale). */
export async function updateItem(
  ctx: ServiceContext,
  { engagementId, itemId, ifMatch, body }: { engagementId: string; itemId: string; ifMatch: () => number; body: UpdateSelfEvaluationBody },
): Promise<SelfEvaluationItem> {
  const { db, actor, clock } = ctx;
  await authorize(ctx, engagementId, 'self_evaluation.write');
  const version = ifMatch();
  const before = await loadItem(db, engagementId, itemId);
  if (before.version !== version) throw new PreconditionFailed(before);
  await checkReferences(db, engagementId, body);
  if (body.title !== undefined && body.title !== before.title) await checkTitle(db, engagementId, before.fiscalYear, body.title, itemId);
  return db.transaction(async (tx) => {
    const written = await repo.updateItem(tx, engagementId, itemId, version, { ...body, updatedBy: actor.id, updatedAt: clock.now() });
    if (!written) throw new PreconditionFailed(await loadItem(tx, engagementId, itemId));
    const after = await loadItem(tx, engagementId, itemId);
    await recordAudit(tx, { actorId: actor.id, engagementId, entity: ENTITY, entityId: itemId, action: 'update', before, after });
    return after;
  });
}

/** Deletes an item (If-Match); the rows after it move up. */
export async function deleteItem(
  ctx: ServiceContext,
  { engagementId, itemId, ifMatch }: { engagementId: string; itemId: string; ifMatch: () => number },
): Promise<void> {
  const { db, actor } = ctx;
  await authorize(ctx, engagementId, 'self_evaluation.write');
  const version = ifMatch();
  const before = await loadItem(db, engagementId, itemId);
  if (before.version !== version) throw new PreconditionFailed(before);
  await db.transaction(async (tx) => {
    await lockEngagement(tx, engagementId);
    if (!(await repo.deleteItem(tx, engagementId, itemId, version)))
      throw new PreconditionFailed((await repo.findItem(tx, engagementId, itemId).then((r) => r && toItem(r))) ?? undefined);
    await recordAudit(tx, { actorId: actor.id, engagementId, entity: ENTITY, entityId: itemId, action: 'delete', before });
  });
}

/** Puts the year's items in a new order; the list must name each of them once (409 list_changed otherwise). */
export async function reorderItems(
  ctx: ServiceContext,
  engagementId: string,
  body: ReorderSelfEvaluationsBody,
): Promise<SelfEvaluationList> {
  const { db, actor } = ctx;
  await authorize(ctx, engagementId, 'self_evaluation.write');
  const head = await sheetHead(db, engagementId);
  return db.transaction(async (tx) => {
    await lockEngagement(tx, engagementId);
    const current = (await repo.listItems(tx, engagementId, body.fiscalYear)).map(toItem);
    const ids = new Set(current.map((i) => i.id));
    if (current.length !== body.itemIds.length || body.itemIds.some((id) => !ids.has(id)))
      throw new Conflict('list_changed', 'The sheet has changed since it was loaded: send every item of the year once', { current });
    await repo.setPositions(tx, engagementId, body.itemIds);
    const items = (await repo.listItems(tx, engagementId, body.fiscalYear)).map(toItem);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: ENTITY,
      entityId: `${engagementId}:${body.fiscalYear}`,
      action: 'reorder',
      before: current.map((i) => i.id),
      after: items.map((i) => i.id),
    });
    return { fiscalYear: body.fiscalYear, planPeriod: head.period, items };
  });
}

/** The sheet's rows as the report and the Excel file show them: indicator and unit resolved, action titles. */
export async function sheetRows(db: Db, engagementId: string, fiscalYear: number): Promise<ReportSelfEvaluation[]> {
  const [rows, titles] = await Promise.all([repo.listItems(db, engagementId, fiscalYear), repo.actionTitles(db, engagementId)]);
  return rows.map(({ item, indicator }) => ({
    position: item.position,
    theme: item.theme,
    title: item.title,
    indicatorName: item.indicatorName || indicator?.name || '',
    unit: item.unit || indicator?.unit || '',
    targetValue: item.targetValue,
    actualValue: item.actualValue,
    mark: item.mark,
    comment: item.comment,
    direction: item.direction,
    directionText: item.directionText,
    actions: item.actionIds.flatMap((id) => {
      const title = titles.get(id);
      return title === undefined ? [] : [{ id, title }];
    }),
  }));
}

/** The printable sheet of one fiscal year (the current one when absent) as an xlsx file. */
export async function exportWorkbook(
  ctx: ServiceContext,
  engagementId: string,
  { fiscalYear, locale }: { fiscalYear?: number | undefined; locale: LabelLocale },
): Promise<{ fileName: string; bytes: Buffer }> {
  const { db } = ctx;
  await authorize(ctx, engagementId, 'self_evaluation.read');
  const head = await sheetHead(db, engagementId);
  const year = chosenYear(fiscalYear, ctx.clock.today(), head.period);
  const rows = await sheetRows(db, engagementId, year);
  const bytes = await renderSelfEvaluationWorkbook(
    {
      fiscalYear: year,
      municipalityName: head.municipalityName,
      municipalityCode: head.municipalityCode,
      rows,
      generatedAt: ctx.clock.now(),
    },
    locale,
  );
  const fileName = `${head.municipalityName}_${locale === 'ja' ? '取組と目標_自己評価シート' : 'self-evaluation'}_FY${year}.xlsx`;
  return { fileName, bytes };
}
