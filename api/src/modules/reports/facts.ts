/**
 * The facts of a report, generated from the record. Shared with other municipalities once
 * published, so it holds only what observers may read through the API: findings at visibility
 * `observers` only, no measurement comments, no PDCA comment or next actions (pdca.read is not
 * theirs: the review shows its self-assessment mark; the team writes what it shares in the
 * section's narrative), and no staff names or user ids — except the names on the roadmap agreement
 * in a draft, which shareableFacts removes when the report is published.
 */
import {
  effectiveMilestoneStatus,
  fiscalYearLabel,
  narrativeTexts,
  pdcaMarks,
  type IndicatorDirection,
  planProgress,
  type ReportFacts,
  type ReportNarratives,
  type ReportVerification,
  searchVectorLiteral,
  treeOrderIndex,
} from '@banso/shared';
import type { Db } from '../../db/client.js';
import { NotFound } from '../../lib/errors.js';
import { teamOf, themesOf, visitLog } from './learning-facts.js';
import * as record from './record.repository.js';
import { sheetRows } from '../self-evaluations/self-evaluations.service.js';

/** Higher or lower is better, read from baseline → target when the plan names its own indicator. */
const inferredDirection = (b: number | null, t: number | null): IndicatorDirection | null =>
  b === null || t === null || b === t ? null : t > b ? 'higher' : 'lower';

/** Findings a shared report may contain. */
export const SHAREABLE_FINDINGS = ['observers'] as const;

/** Depth-first order of the tree (children by position), for stable ordering of actions and plans: the shared tree order. */
export const treeOrder = treeOrderIndex;

export interface RecordOptions {
  /** YYYY-MM-DD: milestone statuses are read as of this day. */
  today: string;
  now: Date;
  fiscalYear?: number;
}

/** Everything a report or an export shows, plus measurement comments for the team's own exports. */
export interface EngagementRecord {
  facts: ReportFacts;
  /** planId → period → comment (not in the shared facts). */
  comments: Map<string, Map<string, string>>;
  /** The versions the rows were read at (the workbook's hidden columns; not in the shared facts). */
  versions: RecordVersions;
}

export interface RecordVersions {
  treeRevision: number;
  actions: Map<string, number>;
  milestones: Map<string, number>;
  plans: Map<string, number>;
  /** planId → period → the measurement's id and version. */
  measurements: Map<string, Map<string, { id: string; version: number }>>;
}

export async function collectRecord(db: Db, engagementId: string, opts: RecordOptions): Promise<EngagementRecord> {
  const head = await record.loadEngagementHead(db, engagementId);
  if (!head) throw new NotFound('Engagement');
  const fiscalYear = opts.fiscalYear ?? head.program.fiscalYear;
  const [values, foundFindings, tree, actionRows, roadmap, verification, review] = [
    await record.loadIndicatorValues(db, head.municipality.id),
    await record.loadFindings(db, engagementId, SHAREABLE_FINDINGS),
    await record.loadTree(db, engagementId),
    await record.loadActions(db, engagementId),
    await record.loadRoadmap(db, engagementId),
    await record.loadVerification(db, engagementId),
    await record.loadPdcaReview(db, engagementId, fiscalYear),
  ];
  const grants = await record.loadGrantScores(db, head.municipality.id, fiscalYear);
  const [visitRows, attendance, team, observerPeople] = [
    await record.loadVisits(db, engagementId),
    await record.loadAttendance(db, engagementId),
    await record.loadTeam(db, engagementId),
    await record.loadObserverPeople(db, engagementId),
  ];

  const order = treeOrder(tree.nodes);
  const rank = (nodeId: string) => order.get(nodeId) ?? Number.MAX_SAFE_INTEGER;
  const sortedActions = [...actionRows].sort((a, b) => rank(a.nodeId) - rank(b.nodeId) || a.id.localeCompare(b.id));
  const actionById = new Map(sortedActions.map((a) => [a.id, a]));
  const actionRank = new Map(sortedActions.map((a, i) => [a.id, i]));
  const statusByNode = new Map(sortedActions.map((a) => [a.nodeId, a.status]));

  const itemByAction = new Map(roadmap.items.map((i) => [i.actionId, i]));
  const stonesByAction = new Map<string, typeof roadmap.milestones>();
  for (const m of roadmap.milestones) stonesByAction.set(m.actionId, [...(stonesByAction.get(m.actionId) ?? []), m]);

  const valuesByPlan = new Map<string, { period: string; value: number }[]>();
  const comments = new Map<string, Map<string, string>>();
  const versions: RecordVersions = {
    treeRevision: tree.revision,
    actions: new Map(actionRows.map((a) => [a.id, a.version])),
    milestones: new Map(roadmap.milestones.map((m) => [m.id, m.version])),
    plans: new Map(verification.plans.map((p) => [p.id, p.version])),
    measurements: new Map(),
  };
  for (const m of verification.measurements) {
    const byPeriod = versions.measurements.get(m.planId) ?? new Map<string, { id: string; version: number }>();
    byPeriod.set(m.period, { id: m.id, version: m.version });
    versions.measurements.set(m.planId, byPeriod);
    valuesByPlan.set(m.planId, [...(valuesByPlan.get(m.planId) ?? []), { period: m.period, value: m.value }]);
    if (m.comment.trim()) {
      const byPeriod = comments.get(m.planId) ?? new Map<string, string>();
      byPeriod.set(m.period, m.comment);
      comments.set(m.planId, byPeriod);
    }
  }

  const nodeById = new Map(tree.nodes.map((n) => [n.id, n]));
  // A plan on a goal or outcome node comes first (the vision-level outcome indicators), in tree order.
  const planRank = (p: { actionId: string | null; nodeId: string | null }) =>
    p.actionId ? 1_000_000 + (actionRank.get(p.actionId) ?? 0) : rank(p.nodeId ?? '');
  const plans: ReportVerification[] = verification.plans
    .filter((p) => (p.actionId ? actionById.has(p.actionId) : p.nodeId !== null && nodeById.has(p.nodeId)))
    .map((p) => {
      const series = valuesByPlan.get(p.id) ?? [];
      const latest = series.length > 0 ? series[series.length - 1]! : null;
      const direction = p.direction ?? inferredDirection(p.baselineValue, p.targetValue);
      return {
        planId: p.id,
        actionId: p.actionId,
        nodeId: p.nodeId,
        qualitative: p.qualitative,
        actionTitle: p.actionId ? (actionById.get(p.actionId)?.title ?? '') : (nodeById.get(p.nodeId!)?.title ?? ''),
        indicatorCode: p.indicatorCode,
        indicatorName: p.indicatorName || p.catalogueName || '',
        unit: p.unit || p.catalogueUnit || '',
        direction: p.direction,
        baselineValue: p.baselineValue,
        baselineAsOf: p.baselineAsOf,
        baselineNote: p.baselineNote,
        targetValue: p.targetValue,
        targetBy: p.targetBy,
        timing: p.timing,
        dataSource: p.dataSource,
        responsible: p.responsible,
        method: p.method,
        measurements: series,
        latest,
        progress: p.qualitative
          ? null
          : planProgress({
              baseline: p.baselineValue,
              target: p.targetValue,
              direction,
              indicator:
                p.cumulative === null || p.figureKind === null || p.periodKind === null
                  ? null
                  : { cumulative: p.cumulative, figureKind: p.figureKind, periodKind: p.periodKind },
              measurements: series,
            }),
      };
    })
    .sort(
      (a, b) =>
        planRank(a) - planRank(b) ||
        (a.indicatorCode ?? a.indicatorName).localeCompare(b.indicatorCode ?? b.indicatorName) ||
        a.planId.localeCompare(b.planId),
    );

  const nodes = [...tree.nodes]
    .sort((a, b) => rank(a.id) - rank(b.id))
    .map((n) => ({ ...n, actionStatus: statusByNode.get(n.id) ?? null }));

  const facts: ReportFacts = {
    generatedAt: opts.now.toISOString(),
    asOf: opts.today,
    fiscalYear,
    fiscalYearLabel: fiscalYearLabel(fiscalYear),
    program: { id: head.program.id, name: head.program.name, fiscalYear: head.program.fiscalYear },
    municipality: {
      id: head.municipality.id,
      code: head.municipality.code,
      name: head.municipality.name,
      category: head.municipality.category,
      regionType: head.municipality.regionType,
      population: head.municipality.population,
      agingRate: head.municipality.agingRate,
      pop85Rate: head.municipality.pop85Rate,
    },
    keyIndicators: values,
    grants,
    engagement: {
      id: head.engagement.id,
      theme: head.engagement.theme,
      desiredState: head.engagement.desiredState,
      status: head.engagement.status,
      previousEngagementId: head.engagement.previousEngagementId,
    },
    findings: foundFindings
      .filter((f) => f.visibility === 'observers')
      .map((f) => ({ id: f.id, kind: f.kind, text: f.text, source: f.source, visitSeq: f.visitSeq, visitDate: f.visitDate })),
    tree: { revision: tree.revision, nodes },
    actions: sortedActions.map((a) => ({
      id: a.id,
      nodeId: a.nodeId,
      title: a.title,
      ownerDepartment: a.ownerDepartment,
      partners: a.partners,
      priority: a.priority,
      rationale: a.rationale,
      status: a.status,
    })),
    roadmap: sortedActions.map((a) => {
      const item = itemByAction.get(a.id);
      return {
        actionId: a.id,
        title: a.title,
        status: a.status,
        startMonth: item?.startMonth ?? null,
        endMonth: item?.endMonth ?? null,
        milestones: (stonesByAction.get(a.id) ?? []).map((m) => ({
          id: m.id,
          due: m.due,
          title: m.title,
          status: effectiveMilestoneStatus(m.status, m.due, opts.today),
        })),
      };
    }),
    roadmapAgreement: {
      proposedBy: head.engagement.roadmapProposedAt ? head.proposedByName : null,
      proposedAt: head.engagement.roadmapProposedAt?.toISOString() ?? null,
      agreedBy: head.engagement.roadmapAgreedAt ? head.agreedByName : null,
      agreedAt: head.engagement.roadmapAgreedAt?.toISOString() ?? null,
    },
    verification: plans,
    visits: visitLog(visitRows, attendance, team, observerPeople),
    team: teamOf(team),
    themes: themesOf(nodes, sortedActions, plans),
    review: review
      ? {
          fiscalYear: review.fiscalYear,
          assessment: review.assessment,
          mark: pdcaMarks[review.assessment],
        }
      : null,
    selfEvaluations: await sheetRows(db, engagementId, fiscalYear),
  };
  return { facts, comments, versions };
}

/** The facts as a published report shares them: drafts made before issue 11 held the PDCA review's text. */
export function shareableFacts(facts: ReportFacts): ReportFacts {
  // The roadmap agreement's times stay; whose names they were does not leave the engagement.
  const agreement = facts.roadmapAgreement ? { ...facts.roadmapAgreement, proposedBy: null, agreedBy: null } : undefined;
  const shared = agreement ? { ...facts, roadmapAgreement: agreement } : facts;
  if (!shared.review) return shared;
  const { fiscalYear, assessment, mark } = shared.review;
  return { ...shared, review: { fiscalYear, assessment, mark } };
}

/** Indicator codes a report is found by: its key indicators and those of its verification plans. */
export function indicatorCodesOf(facts: ReportFacts): string[] {
  const codes = new Set<string>();
  for (const v of facts.keyIndicators) codes.add(v.code);
  for (const p of facts.verification) if (p.indicatorCode) codes.add(p.indicatorCode);
  return [...codes].sort();
}

/**
 * The full-text index of a published version (shared/src/search.ts): title and municipality weigh
 * most, then the tree and the actions, then the narratives, then the rest.
 */
export function searchVectorOf(facts: ReportFacts, title: string, narratives: ReportNarratives): string {
  return searchVectorLiteral([
    { text: `${title}\n${facts.municipality.name}\n${facts.engagement.theme}`, weight: 'A' },
    { text: [facts.engagement.desiredState, ...facts.tree.nodes.map((n) => n.title)].join('\n'), weight: 'B' },
    { text: facts.actions.map((a) => `${a.title}\n${a.rationale}`).join('\n'), weight: 'B' },
    { text: narrativeTexts(narratives).join('\n'), weight: 'C' },
    {
      text: [
        ...facts.verification.map((p) => p.indicatorName),
        ...facts.findings.map((f) => f.text),
        ...(facts.visits ?? []).map((v) => v.summary),
      ].join('\n'),
      weight: 'D',
    },
  ]);
}

/** The text the library's free-text search looks in. */
export function searchTextOf(facts: ReportFacts, title: string, narratives: ReportNarratives): string {
  return [
    title,
    facts.municipality.name,
    facts.engagement.theme,
    facts.engagement.desiredState,
    ...facts.tree.nodes.map((n) => n.title),
    ...facts.actions.map((a) => `${a.title} ${a.rationale}`),
    ...facts.verification.map((p) => p.indicatorName),
    ...facts.findings.map((f) => f.text),
    ...(facts.visits ?? []).map((v) => v.summary),
    ...narrativeTexts(narratives),
  ]
    .join('\n')
    .slice(0, 100_000);
}
