/**
 * The March-meeting report: generated from the record, narrated by the advisors, published by the
 * program office. A published version never changes; a correction is the next version.
 */
import {
  type CreateReportBody,
  fiscalYearLabel,
  type Report,
  type ReportFacts,
  reportNarrativeKeys,
  type ReportNarratives,
  type ReportNarrativesPatch,
  type ReportSummary,
  type UpdateReportBody,
} from '@banso/shared';
import type { Db } from '../../db/client.js';
import type { ServiceContext } from '../../lib/context.js';
import { recordAudit } from '../../lib/audit.js';
import { Conflict, NotFound, PreconditionFailed } from '../../lib/errors.js';
import { authorize } from '../access/access.service.js';
import { collectRecord, indicatorCodesOf, searchTextOf, searchVectorOf, shareableFacts } from './facts.js';
import { reportHtml } from './render/report-html.js';
import { treeSvg } from './render/svg.js';
import { enqueueNotification } from '../notifications/notifications.service.js';
import * as repo from './reports.repository.js';

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

export function emptyNarratives(): ReportNarratives {
  return { ...(Object.fromEntries(reportNarrativeKeys.map((k) => [k, ''])) as Omit<ReportNarratives, 'byTheme'>), byTheme: {} };
}

/**
 * Narratives as stored, with every field an older row lacks filled in empty (versions saved before
 * issue 16 have no questions, lessons, next steps or themes).
 */
export function normalizeNarratives(stored: Partial<Record<string, unknown>> | null | undefined): ReportNarratives {
  const out = emptyNarratives();
  for (const k of reportNarrativeKeys) {
    const v = stored?.[k];
    if (typeof v === 'string') out[k] = v;
  }
  const byTheme = stored?.byTheme;
  if (byTheme && typeof byTheme === 'object' && !Array.isArray(byTheme))
    for (const [id, v] of Object.entries(byTheme)) if (typeof v === 'string') out.byTheme[id] = v;
  return out;
}

/** A PATCH applied to the stored narratives: the fields sent replace theirs; `byTheme` merges by theme. */
export function patchNarratives(current: ReportNarratives, patch: ReportNarrativesPatch | undefined): ReportNarratives {
  if (!patch) return current;
  const { byTheme, ...fields } = patch;
  const next: ReportNarratives = { ...current, byTheme: { ...current.byTheme, ...byTheme } };
  for (const k of reportNarrativeKeys) {
    const v = fields[k];
    if (v !== undefined) next[k] = v;
  }
  return next;
}

export function toSummary(row: repo.ReportWithPeople): ReportSummary {
  const r = row.report;
  return {
    id: r.id,
    engagementId: r.engagementId,
    fiscalYear: r.fiscalYear,
    versionNumber: r.versionNumber,
    previousReportId: r.previousReportId,
    status: r.status,
    title: r.title,
    isLatest: r.versionNumber === row.latestVersion,
    createdBy: person(r.createdBy, row.createdByName),
    createdAt: r.createdAt.toISOString(),
    updatedBy: person(r.updatedBy, row.updatedByName),
    updatedAt: r.updatedAt.toISOString(),
    publishedBy: person(r.publishedBy, row.publishedByName),
    publishedAt: r.publishedAt ? r.publishedAt.toISOString() : null,
    version: r.version,
  };
}

export function toReport(row: repo.ReportWithPeople): Report {
  return { ...toSummary(row), facts: row.report.facts, narratives: normalizeNarratives(row.report.narratives) };
}

/** The columns copied from the facts so the library can filter and search in SQL. */
function searchColumns(facts: ReportFacts, title: string, narratives: ReportNarratives) {
  return {
    theme: facts.engagement.theme,
    municipalityCategory: facts.municipality.category,
    regionType: facts.municipality.regionType,
    indicatorCodes: indicatorCodesOf(facts),
    searchText: searchTextOf(facts, title, narratives),
  };
}

async function loadReport(db: Db, engagementId: string, reportId: string) {
  const row = await repo.getReport(db, engagementId, reportId);
  if (!row) throw new NotFound('Report');
  return row;
}

export async function listReports(ctx: ServiceContext, engagementId: string): Promise<ReportSummary[]> {
  const { db } = ctx;
  await authorize(ctx, engagementId, 'report.read');
  return (await repo.listReports(db, engagementId)).map(toSummary);
}

export async function getReport(ctx: ServiceContext, engagementId: string, reportId: string): Promise<Report> {
  const { db } = ctx;
  await authorize(ctx, engagementId, 'report.read');
  return toReport(await loadReport(db, engagementId, reportId));
}

export async function createReport(ctx: ServiceContext, engagementId: string, body: CreateReportBody): Promise<Report> {
  const { db, actor, clock } = ctx;
  const access = await authorize(ctx, engagementId, 'report.edit');
  const { facts } = await collectRecord(db, engagementId, {
    today: clock.today(),
    now: clock.now(),
    ...(body.fiscalYear ? { fiscalYear: body.fiscalYear } : {}),
  });
  const title = body.title ?? `${fiscalYearLabel(facts.fiscalYear)} ${facts.municipality.name} 伴走型支援 報告書`;
  const narratives = emptyNarratives();
  const id = await db.transaction(async (tx) => {
    if ((await repo.latestVersionNumber(tx, engagementId, facts.fiscalYear)) > 0)
      throw new Conflict('report_exists', `A report for fiscal year ${facts.fiscalYear} exists; edit its draft or make a new version`);
    const row = await repo.insertReport(tx, {
      engagementId: access.engagement.id,
      fiscalYear: facts.fiscalYear,
      versionNumber: 1,
      title,
      facts,
      narratives,
      ...searchColumns(facts, title, narratives),
      createdBy: actor.id,
      updatedBy: actor.id,
      createdAt: clock.now(),
      updatedAt: clock.now(),
    });
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'report',
      entityId: row.id,
      action: 'create',
      after: { fiscalYear: row.fiscalYear, versionNumber: 1, title },
    });
    return row.id;
  });
  return toReport(await loadReport(db, engagementId, id));
}

/** Refuses any change to a published version. */
function assertDraft(row: repo.ReportWithPeople) {
  if (row.report.status === 'published')
    throw new Conflict('report_published', 'A published report cannot be changed; make a new version to correct it');
}

export async function updateReport(
  ctx: ServiceContext,
  {
    engagementId,
    reportId,
    body,
    ifMatchOf,
  }: {
    engagementId: string;
    reportId: string;
    body: UpdateReportBody;
    ifMatchOf: () => number;
  },
): Promise<Report> {
  const { db, actor, clock } = ctx;
  await authorize(ctx, engagementId, 'report.edit');
  // Read after authorizing: a caller without the permission gets 403/404, not 428.
  const ifMatch = ifMatchOf();
  await db.transaction(async (tx) => {
    const current = await loadReport(tx, engagementId, reportId);
    assertDraft(current);
    if (current.report.version !== ifMatch) throw new PreconditionFailed(toReport(current));
    const title = body.title ?? current.report.title;
    const narratives = patchNarratives(normalizeNarratives(current.report.narratives), body.narratives);
    const updated = await repo.updateReport(tx, engagementId, reportId, ifMatch, {
      title,
      narratives,
      searchText: searchTextOf(current.report.facts, title, narratives),
      updatedBy: actor.id,
      updatedAt: clock.now(),
    });
    if (!updated) throw new PreconditionFailed(toReport(await loadReport(tx, engagementId, reportId)));
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'report',
      entityId: reportId,
      action: 'update',
      before: { title: current.report.title, narratives: current.report.narratives },
      after: { title, narratives },
    });
  });
  return toReport(await loadReport(db, engagementId, reportId));
}

/** Regenerates a draft's facts from the current record (narratives stay). */
export async function refreshReport(
  ctx: ServiceContext,
  {
    engagementId,
    reportId,
    ifMatchOf,
  }: {
    engagementId: string;
    reportId: string;
    ifMatchOf: () => number;
  },
): Promise<Report> {
  const { db, actor, clock } = ctx;
  await authorize(ctx, engagementId, 'report.edit');
  const ifMatch = ifMatchOf();
  const existing = await loadReport(db, engagementId, reportId);
  assertDraft(existing);
  const { facts } = await collectRecord(db, engagementId, {
    today: clock.today(),
    now: clock.now(),
    fiscalYear: existing.report.fiscalYear,
  });
  await db.transaction(async (tx) => {
    const current = await loadReport(tx, engagementId, reportId);
    assertDraft(current);
    if (current.report.version !== ifMatch) throw new PreconditionFailed(toReport(current));
    const narratives = normalizeNarratives(current.report.narratives);
    const updated = await repo.updateReport(tx, engagementId, reportId, ifMatch, {
      facts,
      ...searchColumns(facts, current.report.title, narratives),
      updatedBy: actor.id,
      updatedAt: clock.now(),
    });
    if (!updated) throw new PreconditionFailed(toReport(await loadReport(tx, engagementId, reportId)));
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'report',
      entityId: reportId,
      action: 'refresh_facts',
      before: { generatedAt: current.report.facts.generatedAt, treeRevision: current.report.facts.tree.revision },
      after: { generatedAt: facts.generatedAt, treeRevision: facts.tree.revision },
    });
  });
  return toReport(await loadReport(db, engagementId, reportId));
}

export async function publishReport(
  ctx: ServiceContext,
  {
    engagementId,
    reportId,
    ifMatchOf,
  }: {
    engagementId: string;
    reportId: string;
    ifMatchOf: () => number;
  },
): Promise<Report> {
  const { db, actor, clock } = ctx;
  await authorize(ctx, engagementId, 'report.publish');
  const ifMatch = ifMatchOf();
  await db.transaction(async (tx) => {
    const current = await loadReport(tx, engagementId, reportId);
    assertDraft(current);
    if (current.report.versionNumber !== current.latestVersion)
      throw new Conflict('not_latest', 'Only the latest version of a report can be published');
    if (current.report.version !== ifMatch) throw new PreconditionFailed(toReport(current));
    const now = clock.now();
    // A draft generated before the facts left the PDCA text out loses it here: published means shared.
    const facts = shareableFacts(current.report.facts);
    const narratives = normalizeNarratives(current.report.narratives);
    const updated = await repo.updateReport(tx, engagementId, reportId, ifMatch, {
      status: 'published',
      facts,
      // Only a published version is in the library's index (a draft's is null).
      searchVector: searchVectorOf(facts, current.report.title, narratives),
      publishedAt: now,
      publishedBy: actor.id,
      updatedAt: now,
      updatedBy: actor.id,
    });
    if (!updated) throw new PreconditionFailed(toReport(await loadReport(tx, engagementId, reportId)));
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'report',
      entityId: reportId,
      action: 'publish',
      before: { status: 'draft' },
      after: { status: 'published', versionNumber: current.report.versionNumber },
    });
    await enqueueNotification(ctx, tx, { kind: 'report_published', reportId });
  });
  return toReport(await loadReport(db, engagementId, reportId));
}

/** A correction: the next version, from the latest (published) one, with its narratives and freshly generated facts. */
export async function createVersion(ctx: ServiceContext, engagementId: string, reportId: string): Promise<Report> {
  const { db, actor, clock } = ctx;
  await authorize(ctx, engagementId, 'report.edit');
  const base = await loadReport(db, engagementId, reportId);
  const { facts } = await collectRecord(db, engagementId, { today: clock.today(), now: clock.now(), fiscalYear: base.report.fiscalYear });
  const id = await db.transaction(async (tx) => {
    const from = await loadReport(tx, engagementId, reportId);
    const latest = await repo.latestVersionNumber(tx, engagementId, from.report.fiscalYear);
    if (from.report.versionNumber !== latest)
      throw new Conflict(
        'not_latest',
        `Version ${from.report.versionNumber} is not the latest (${latest}); make the new version from the latest`,
      );
    if (from.report.status !== 'published')
      throw new Conflict('report_not_published', 'The latest version is still a draft; edit it instead of making a new version');
    const narratives = normalizeNarratives(from.report.narratives);
    const row = await repo.insertReport(tx, {
      engagementId,
      fiscalYear: from.report.fiscalYear,
      versionNumber: latest + 1,
      previousReportId: from.report.id,
      title: from.report.title,
      facts,
      narratives,
      ...searchColumns(facts, from.report.title, narratives),
      createdBy: actor.id,
      updatedBy: actor.id,
      createdAt: clock.now(),
      updatedAt: clock.now(),
    });
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'report',
      entityId: row.id,
      action: 'create_version',
      before: { reportId: from.report.id, versionNumber: from.report.versionNumber },
      after: { versionNumber: row.versionNumber },
    });
    return row.id;
  });
  return toReport(await loadReport(db, engagementId, id));
}

export async function reportTreeSvg(ctx: ServiceContext, engagementId: string, reportId: string): Promise<string> {
  const report = await getReport(ctx, engagementId, reportId);
  return treeSvg(report.facts.tree.nodes, { title: `${report.facts.municipality.name} ロジックツリー` });
}

/** The print page, as the PDF shows it (for the browser's preview). */
export async function reportPreviewHtml(ctx: ServiceContext, engagementId: string, reportId: string): Promise<string> {
  const report = await getReport(ctx, engagementId, reportId);
  return reportHtml(report);
}
