/**
 * Reads the record of one engagement for reports and exports. Every query is scoped by the
 * engagement (directly or through its actions); findings are read at the visibilities asked for.
 */
import type { FindingVisibility } from '@banso/shared';
import { and, asc, desc, eq, inArray, lte } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import {
  grantScores,
  actions,
  engagements,
  findings,
  indicators,
  indicatorValues,
  measurements,
  memberships,
  milestones,
  municipalities,
  observerGrants,
  pdcaReviews,
  programs,
  roadmapItems,
  treeNodes,
  trees,
  users,
  verificationPlans,
  visitAttendance,
  visits,
} from '../../db/schema/index.js';

const proposer = alias(users, 'report_roadmap_proposer');
const agreer = alias(users, 'report_roadmap_agreer');

export async function loadEngagementHead(db: Db, engagementId: string) {
  const [row] = await db
    .select({
      engagement: engagements,
      municipality: municipalities,
      program: programs,
      proposedByName: proposer.name,
      agreedByName: agreer.name,
    })
    .from(engagements)
    .innerJoin(municipalities, eq(municipalities.id, engagements.municipalityId))
    .innerJoin(programs, eq(programs.id, engagements.programId))
    .leftJoin(proposer, eq(proposer.id, engagements.roadmapProposedBy))
    .leftJoin(agreer, eq(agreer.id, engagements.roadmapAgreedBy))
    .where(eq(engagements.id, engagementId))
    .limit(1);
  return row;
}

/** The latest value (by period) of each indicator of the municipality: the report's key figures, not its whole time series. */
/** The municipality's 交付金 scores of the two latest fiscal years up to `fiscalYear`, by grant and area. */
export async function loadGrantScores(db: Db, municipalityId: string, fiscalYear: number) {
  const rows = await db
    .select({
      fiscalYear: grantScores.fiscalYear,
      grant: grantScores.grant,
      areaCode: grantScores.areaCode,
      area: grantScores.area,
      position: grantScores.position,
      score: grantScores.score,
      maxScore: grantScores.maxScore,
      nationalAverage: grantScores.nationalAverage,
      prefectureAverage: grantScores.prefectureAverage,
    })
    .from(grantScores)
    .where(and(eq(grantScores.municipalityId, municipalityId), lte(grantScores.fiscalYear, fiscalYear)))
    .orderBy(desc(grantScores.fiscalYear), asc(grantScores.grant), asc(grantScores.position));
  const years = [...new Set(rows.map((r) => r.fiscalYear))].slice(0, 2);
  return rows.filter((r) => years.includes(r.fiscalYear));
}

export async function loadIndicatorValues(db: Db, municipalityId: string) {
  const rows = await db
    .selectDistinctOn([indicators.code], {
      indicatorId: indicators.id,
      code: indicators.code,
      name: indicators.name,
      unit: indicators.unit,
      direction: indicators.direction,
      period: indicatorValues.period,
      value: indicatorValues.value,
      source: indicatorValues.source,
    })
    .from(indicatorValues)
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .where(eq(indicatorValues.municipalityId, municipalityId))
    .orderBy(asc(indicators.code), desc(indicatorValues.period));
  return rows;
}

export async function loadFindings(db: Db, engagementId: string, visibilities: readonly FindingVisibility[]) {
  if (visibilities.length === 0) return [];
  return db
    .select({
      id: findings.id,
      kind: findings.kind,
      text: findings.text,
      source: findings.source,
      visibility: findings.visibility,
      visitSeq: visits.seq,
      visitDate: visits.date,
      createdAt: findings.createdAt,
    })
    .from(findings)
    .leftJoin(visits, and(eq(visits.id, findings.visitId), eq(visits.engagementId, engagementId)))
    .where(and(eq(findings.engagementId, engagementId), inArray(findings.visibility, [...visibilities])))
    .orderBy(asc(visits.seq), asc(findings.createdAt), asc(findings.id));
}

export async function loadTree(db: Db, engagementId: string) {
  const [tree] = await db.select({ revision: trees.revision }).from(trees).where(eq(trees.engagementId, engagementId));
  const nodes = await db
    .select({
      id: treeNodes.id,
      parentId: treeNodes.parentId,
      position: treeNodes.position,
      kind: treeNodes.kind,
      title: treeNodes.title,
      hypothesisState: treeNodes.hypothesisState,
    })
    .from(treeNodes)
    .where(eq(treeNodes.engagementId, engagementId))
    .orderBy(asc(treeNodes.position), asc(treeNodes.id));
  return { revision: tree?.revision ?? 0, nodes };
}

export async function loadActions(db: Db, engagementId: string) {
  return db
    .select({
      id: actions.id,
      nodeId: actions.nodeId,
      title: treeNodes.title,
      ownerDepartment: actions.ownerDepartment,
      partners: actions.partners,
      priority: actions.priority,
      rationale: actions.rationale,
      status: actions.status,
      version: actions.version,
      createdAt: actions.createdAt,
    })
    .from(actions)
    .innerJoin(treeNodes, eq(treeNodes.id, actions.nodeId))
    .where(eq(actions.engagementId, engagementId))
    .orderBy(asc(actions.createdAt), asc(actions.id));
}

export async function loadRoadmap(db: Db, engagementId: string) {
  const items = await db
    .select({ actionId: roadmapItems.actionId, startMonth: roadmapItems.startMonth, endMonth: roadmapItems.endMonth })
    .from(roadmapItems)
    .innerJoin(actions, eq(actions.id, roadmapItems.actionId))
    .where(eq(actions.engagementId, engagementId));
  const stones = await db
    .select({
      id: milestones.id,
      actionId: milestones.actionId,
      due: milestones.due,
      title: milestones.title,
      status: milestones.status,
      version: milestones.version,
    })
    .from(milestones)
    .innerJoin(actions, eq(actions.id, milestones.actionId))
    .where(eq(actions.engagementId, engagementId))
    .orderBy(asc(milestones.due), asc(milestones.id));
  return { items, milestones: stones };
}

export async function loadVerification(db: Db, engagementId: string) {
  const plans = await db
    .select({
      id: verificationPlans.id,
      actionId: verificationPlans.actionId,
      nodeId: verificationPlans.nodeId,
      qualitative: verificationPlans.qualitative,
      cumulative: indicators.cumulative,
      figureKind: indicators.figureKind,
      periodKind: indicators.periodKind,
      indicatorCode: indicators.code,
      catalogueName: indicators.name,
      catalogueUnit: indicators.unit,
      direction: indicators.direction,
      indicatorName: verificationPlans.indicatorName,
      unit: verificationPlans.unit,
      baselineValue: verificationPlans.baselineValue,
      baselineAsOf: verificationPlans.baselineAsOf,
      baselineNote: verificationPlans.baselineNote,
      targetValue: verificationPlans.targetValue,
      targetBy: verificationPlans.targetBy,
      timing: verificationPlans.timing,
      dataSource: verificationPlans.dataSource,
      responsible: verificationPlans.responsible,
      method: verificationPlans.method,
      version: verificationPlans.version,
    })
    .from(verificationPlans)
    .leftJoin(indicators, eq(indicators.id, verificationPlans.indicatorId))
    .where(eq(verificationPlans.engagementId, engagementId))
    .orderBy(asc(verificationPlans.updatedAt), asc(verificationPlans.id));
  const values = await db
    .select({
      id: measurements.id,
      planId: measurements.planId,
      period: measurements.period,
      value: measurements.value,
      comment: measurements.comment,
      version: measurements.version,
    })
    .from(measurements)
    .innerJoin(verificationPlans, eq(verificationPlans.id, measurements.planId))
    .where(eq(verificationPlans.engagementId, engagementId))
    .orderBy(asc(measurements.period));
  return { plans, measurements: values };
}

export async function loadPdcaReview(db: Db, engagementId: string, fiscalYear: number) {
  const [row] = await db
    .select({
      fiscalYear: pdcaReviews.fiscalYear,
      assessment: pdcaReviews.assessment,
    })
    .from(pdcaReviews)
    .where(and(eq(pdcaReviews.engagementId, engagementId), eq(pdcaReviews.fiscalYear, fiscalYear)))
    .limit(1);
  return row ?? null;
}

/** The visits of the engagement, oldest first: the report's visit log (never the minutes). */
export async function loadVisits(db: Db, engagementId: string) {
  return db
    .select({
      id: visits.id,
      seq: visits.seq,
      kind: visits.kind,
      date: visits.date,
      endDate: visits.endDate,
      venue: visits.venue,
      status: visits.status,
      attendees: visits.attendees,
      agenda: visits.agenda,
      observerSummary: visits.observerSummary,
    })
    .from(visits)
    .where(eq(visits.engagementId, engagementId))
    .orderBy(asc(visits.date), asc(visits.seq));
}

/** The registrations and attendance records of the engagement's visits (参加登録・出欠). */
export async function loadAttendance(db: Db, engagementId: string) {
  return db
    .select({
      visitId: visitAttendance.visitId,
      userId: visitAttendance.userId,
      organizationName: visitAttendance.organizationName,
      status: visitAttendance.status,
    })
    .from(visitAttendance)
    .where(eq(visitAttendance.engagementId, engagementId))
    .orderBy(asc(visitAttendance.registeredAt), asc(visitAttendance.id));
}

/** The team: each member's team role, title and organization, and the name only to recognise them among a visit's attendees. */
export async function loadTeam(db: Db, engagementId: string) {
  return db
    .select({
      userId: memberships.userId,
      name: users.name,
      teamRole: memberships.teamRole,
      title: memberships.title,
      userTitle: users.title,
      organization: users.organization,
      municipalityName: municipalities.name,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(municipalities, eq(municipalities.id, users.municipalityId))
    .where(eq(memberships.engagementId, engagementId))
    .orderBy(asc(memberships.createdAt), asc(memberships.userId));
}

/** The users of the municipalities granted to observe the engagement, to recognise them among a visit's attendees. */
export async function loadObserverPeople(db: Db, engagementId: string) {
  return db
    .selectDistinct({ userId: users.id, name: users.name, municipalityName: municipalities.name })
    .from(observerGrants)
    .innerJoin(municipalities, eq(municipalities.id, observerGrants.municipalityId))
    .innerJoin(users, eq(users.municipalityId, observerGrants.municipalityId))
    .where(eq(observerGrants.engagementId, engagementId));
}
