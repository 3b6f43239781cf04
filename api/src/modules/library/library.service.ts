import { randomUUID } from 'node:crypto';
import {
  type AdoptCaseBody,
  can,
  type EngagementRole,
  fiscalYearLabel,
  type LibraryCase,
  type LibraryCaseSummary,
  type LibraryList,
  type LibraryQuery,
  labels,
  meanProgress,
  type ReportAction,
  type ReportTreeNode,
  searchQueryLiteral,
  searchSnippet,
  searchTerms,
  type TreeNodeSourceList,
  type TreeOperation,
} from '@banso/shared';
import type { ServiceContext } from '../../lib/context.js';
import { decodeScoreCursor, encodeScoreCursor } from '../../lib/cursor.js';
import { BadRequest, Forbidden, NotFound } from '../../lib/errors.js';
import { authorize } from '../access/access.service.js';
import type { Actor } from '../auth/auth.service.js';
import type { TreeBody, TreeCache } from '../tree/tree.cache.js';
import { applyOperations } from '../tree/tree.service.js';
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

function toSummary(r: CaseRow, terms: readonly string[]): LibraryCaseSummary {
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
    snippet: terms.length > 0 ? searchSnippet(r.searchText, terms) : null,
  };
}

const PAGE = 20;

/**
 * The library's search: full text in Japanese (bigrams, ranked), filters that combine, and three
 * orders, keyset-paginated. `similar` needs the reader's municipality (400 on `querystring.sort`
 * for an account without one, e.g. the program office).
 */
export async function listLibrary(ctx: ServiceContext, query: LibraryQuery): Promise<LibraryList> {
  const { db, actor, clock } = ctx;
  assertMayRead(actor);
  const sort = query.sort ?? (query.q ? 'relevance' : 'newest');
  let near: repo.MunicipalityProfile | null = null;
  if (sort === 'similar') {
    near = (actor.municipalityId && (await repo.municipalityProfile(db, actor.municipalityId))) || null;
    if (!near)
      throw new BadRequest('“Similar to my municipality” needs an account of a municipality', [
        { path: 'querystring.sort', message: 'Your account has no municipality' },
      ]);
  }
  const limit = query.limit ?? PAGE;
  const rows = await repo.listCases(db, actor, clock.today(), {
    query,
    tsquery: query.q ? searchQueryLiteral(query.q) : null,
    sort,
    near,
    after: query.cursor ? decodeScoreCursor(query.cursor) : null,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const terms = query.q ? searchTerms(query.q) : [];
  return {
    items: page.map((r) => toSummary(r, terms)),
    nextCursor: rows.length > limit && last ? encodeScoreCursor({ score: last.sortKey, id: last.id }) : null,
    facets: await repo.facets(db, actor, clock.today()),
  };
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

// ── 事例を使う: adopting a published (sub-)tree ─────────────────────────────────────────────────────

/** The published node and everything under it, parents first, siblings in order. */
function publishedSubtree(nodes: readonly ReportTreeNode[], rootId: string): ReportTreeNode[] {
  const children = new Map<string | null, ReportTreeNode[]>();
  for (const n of nodes) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  const root = nodes.find((n) => n.id === rootId);
  if (!root) return [];
  const out: ReportTreeNode[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const n = queue.shift()!;
    out.push(n);
    queue.push(...(children.get(n.id) ?? []).sort((a, b) => a.position - b.position));
  }
  return out;
}

/** What a copied measure says of the source's action: 取組案 carrying what the case did. */
function actionNote(action: ReportAction, municipality: string): string {
  const lines = [`${municipality}の取組（${labels('ja').actionStatus[action.status]}）`];
  if (action.ownerDepartment) lines.push(`担当: ${action.ownerDepartment}`);
  if (action.partners.length > 0) lines.push(`連携: ${action.partners.join('、')}`);
  if (action.rationale) lines.push(`選定理由: ${action.rationale}`);
  return lines.join('\n').slice(0, 5_000);
}

/**
 * Copies a published case's node and its sub-tree under `parentId` of the caller's tree, in one
 * revision through the tree's own batch (its rules, If-Match, size limit, snapshot and audit): new
 * ids, every node a hypothesis (仮説) to test in this municipality, the source's actions as
 * candidate measures, and a source link per node written in the same transaction. Who may: a
 * caller who edits this tree (tree.edit) and reads the case (a draft or unreadable case: 404).
 */
export async function adoptCase(
  ctx: ServiceContext,
  {
    cache,
    engagementId,
    body,
    ifMatch,
    maxNodes,
  }: { cache: TreeCache; engagementId: string; body: AdoptCaseBody; ifMatch: () => number; maxNodes: number },
): Promise<TreeBody> {
  // The tree first: a caller who may not edit it learns nothing of the case.
  await authorize(ctx, engagementId, 'tree.edit');
  const expectedRevision = ifMatch();
  const row = await loadCase(ctx, body.reportId);
  const copied = publishedSubtree(row.facts.tree.nodes, body.sourceNodeId);
  if (copied.length === 0) throw new NotFound('Node');
  const municipality = row.facts.municipality.name;
  const actionByNode = new Map(row.facts.actions.map((a) => [a.nodeId, a]));
  const newId = new Map(copied.map((n) => [n.id, randomUUID()]));
  const operations: TreeOperation[] = copied.map((n, i) => {
    const action = actionByNode.get(n.id);
    return {
      op: 'add',
      id: newId.get(n.id)!,
      parentId: i === 0 ? body.parentId : newId.get(n.parentId!)!,
      kind: n.kind,
      title: n.title,
      detail: action ? actionNote(action, municipality) : '',
      hypothesisState: n.kind === 'goal' ? null : 'hypothesis',
    };
  });
  return applyOperations(ctx, {
    cache,
    engagementId,
    ifMatch: () => expectedRevision,
    operations,
    maxNodes,
    purpose: {
      audit: { action: 'tree.adopt', after: { reportId: row.id, sourceNodeId: body.sourceNodeId, adopted: copied.length } },
      alsoWrite: (tx, revision) =>
        repo.insertNodeSources(
          tx,
          copied.map((n) => ({
            nodeId: newId.get(n.id)!,
            engagementId,
            reportId: row.id,
            sourceEngagementId: row.engagementId,
            sourceNodeId: n.id,
            sourceNodeTitle: n.title,
            municipalityName: municipality,
            reportTitle: row.title,
            fiscalYear: row.fiscalYear,
            revision,
            adoptedBy: ctx.actor.id,
            adoptedAt: ctx.clock.now(),
          })),
        ),
    },
  });
}

/** Where each adopted node of the tree came from (whoever reads the tree). */
export async function listNodeSources(ctx: ServiceContext, engagementId: string): Promise<TreeNodeSourceList> {
  await authorize(ctx, engagementId, 'tree.read');
  const rows = await repo.listNodeSources(ctx.db, engagementId);
  return {
    items: rows.map((r) => ({
      nodeId: r.nodeId,
      reportId: r.reportId,
      sourceEngagementId: r.sourceEngagementId,
      sourceNodeId: r.sourceNodeId,
      sourceNodeTitle: r.sourceNodeTitle,
      municipalityName: r.municipalityName,
      reportTitle: r.reportTitle,
      fiscalYear: r.fiscalYear,
      adoptedAt: r.adoptedAt.toISOString(),
    })),
  };
}
