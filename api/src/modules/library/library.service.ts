import {
  can,
  type EngagementRole,
  fiscalYearLabel,
  type LibraryCase,
  type LibraryCaseSummary,
  type LibraryList,
  type LibraryQuery,
  meanProgress,
} from '@banso/shared';
import type { ServiceContext } from '../../lib/context.js';
import { Forbidden, NotFound } from '../../lib/errors.js';
import type { Actor } from '../auth/auth.service.js';
import { reportHtml } from '../reports/render/report-html.js';
import { treeSvg } from '../reports/render/svg.js';
import { normalizeNarratives } from '../reports/reports.service.js';
import * as repo from './library.repository.js';

/**
 * The library is not tied to one engagement: the actor reads it in the role their account has
 * (program office, municipal staff, or advisor); which cases they see is decided by the
 * repository's connection rule.
 */
function libraryRole(actor: Actor): EngagementRole {
  if (actor.organizerId) return 'program_office';
  if (actor.municipalityId) return 'municipal_member';
  return 'advisor';
}

function assertMayRead(actor: Actor) {
  if (!can({ userId: actor.id, role: libraryRole(actor) }, 'library.read')) throw new Forbidden('You may not read the case library');
}

type CaseRow = Awaited<ReturnType<typeof repo.listCases>>[number];

function toSummary(r: CaseRow): LibraryCaseSummary {
  const f = r.facts;
  const indicators = new Map<string, string>();
  for (const p of f.verification) if (p.indicatorCode) indicators.set(p.indicatorCode, p.indicatorName);
  for (const v of f.keyIndicators) if (!indicators.has(v.code)) indicators.set(v.code, v.name);
  return {
    reportId: r.id,
    engagementId: r.engagementId,
    fiscalYear: r.fiscalYear,
    fiscalYearLabel: fiscalYearLabel(r.fiscalYear),
    versionNumber: r.versionNumber,
    title: r.title,
    theme: r.theme,
    desiredState: f.engagement.desiredState,
    municipality: {
      name: f.municipality.name,
      category: f.municipality.category,
      regionType: f.municipality.regionType,
      population: f.municipality.population,
      agingRate: f.municipality.agingRate,
    },
    publishedAt: (r.publishedAt ?? new Date(0)).toISOString(),
    actionCount: f.actions.length,
    actionTitles: f.actions.map((a) => a.title),
    indicators: [...indicators].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code)),
    progress: meanProgress(
      f.verification.map((p) => ({ baseline: p.baselineValue, target: p.targetValue, latest: p.latest?.value ?? null })),
    ),
  };
}

export async function listLibrary(ctx: ServiceContext, query: LibraryQuery): Promise<LibraryList> {
  const { db, actor, clock } = ctx;
  assertMayRead(actor);
  const rows = await repo.listCases(db, actor, clock.today(), query);
  return { items: rows.map(toSummary), facets: await repo.facets(db, actor, clock.today()) };
}

async function loadCase(ctx: ServiceContext, reportId: string) {
  const { db, actor, clock } = ctx;
  assertMayRead(actor);
  const row = await repo.getCase(db, actor, clock.today(), reportId);
  if (!row) throw new NotFound('Case');
  return row;
}

type CaseDetailRow = NonNullable<Awaited<ReturnType<typeof repo.getPublishedCase>>>;

/**
 * A published version as readers outside the team see it: the published facts and narratives only
 * (the report's own observer-safe projection, frozen at publication), never team-only material.
 */
export function toLibraryCase(
  row: CaseDetailRow,
  versions: { reportId: string; versionNumber: number; publishedAt: Date | null }[],
): LibraryCase {
  return {
    reportId: row.id,
    engagementId: row.engagementId,
    fiscalYear: row.fiscalYear,
    versionNumber: row.versionNumber,
    title: row.title,
    publishedAt: (row.publishedAt ?? new Date(0)).toISOString(),
    facts: row.facts,
    narratives: normalizeNarratives(row.narratives),
    versions: versions.map((v) => ({
      reportId: v.reportId,
      versionNumber: v.versionNumber,
      publishedAt: (v.publishedAt ?? new Date(0)).toISOString(),
    })),
  };
}

export async function getLibraryCase(ctx: ServiceContext, reportId: string): Promise<LibraryCase> {
  const row = await loadCase(ctx, reportId);
  return toLibraryCase(row, await repo.publishedVersions(ctx.db, row.engagementId, row.fiscalYear));
}

/** The case's logic tree as an SVG figure. */
export const caseTreeSvg = (row: Pick<CaseDetailRow, 'facts'>) =>
  treeSvg(row.facts.tree.nodes, { title: `${row.facts.municipality.name} ロジックツリー` });

export async function libraryTreeSvg(ctx: ServiceContext, reportId: string): Promise<string> {
  return caseTreeSvg(await loadCase(ctx, reportId));
}

export async function libraryPreviewHtml(ctx: ServiceContext, reportId: string): Promise<string> {
  const row = await loadCase(ctx, reportId);
  return reportHtml({
    title: row.title,
    status: 'published',
    versionNumber: row.versionNumber,
    publishedAt: row.publishedAt ? row.publishedAt.toISOString() : null,
    facts: row.facts,
    narratives: normalizeNarratives(row.narratives),
  });
}
