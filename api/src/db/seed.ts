/**
 * Loads the demo program (demo/engagements.ja.yaml, a copy of ../shared/demo) and the demo accounts.
 * The demo lives in the present: its dates are written relative to a fiscal year (`fy+0-07-10` is
 * 10 July of the fiscal year's starting calendar year, `R{fy-1}` the Reiwa year before) and resolved
 * against a reference date — the real clock by default, a fixed date in tests. What the reference
 * date has passed has happened (visits held, milestones done, measurements recorded); what it has
 * not is planned. Idempotent: it does nothing when the demo program already exists, and
 * `seedIfEmpty` never touches a database that holds any user.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  hasReachedStatus,
  type EngagementStatus,
  type ActionStatus,
  type MunicipalityCategory,
  type NodeKind,
  type HypothesisState,
  type PdcaAssessment,
  type RegionType,
  type TreeNodeShape,
  type ProgramEventKind,
  type VisitKind,
  type VisitStatus,
  type FindingKind,
  type FindingVisibility,
  type IndicatorDirection,
  type IndicatorLevel,
  type CommentKind,
  type CommentSubjectType,
  type EngagementRole,
  type ReportNarrativeKey,
  type SelfEvaluationDirection,
  type SelfEvaluationMark,
  fiscalYearOf,
  normalizePeriod,
  todayInJapan,
} from '@banso/shared';
import { and, count, eq } from 'drizzle-orm';
import { parse } from 'yaml';
import { hashPassword } from '../modules/auth/auth.service.js';
import type { Db } from './client.js';
import { DEMO_PASSWORD, demoAccounts } from './demo/accounts.js';
import { analysisIndicators, seedAnalysis } from './demo/analysis.js';
import { seedDemoReport } from './demo/reports.js';
import * as s from './schema/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const demoYamlPath = path.join(here, 'demo', 'engagements.ja.yaml');

/** code, kind, parent, title, evidence (or `not_selected` on a measure), hypothesis state (仮説 / 支持 / 棄却) */
type TreeRow = [string, NodeKind, string | null, string, (string | null)?, HypothesisState?];
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

interface DemoVisit {
  seq: number;
  kind: VisitKind;
  date: string;
  status: VisitStatus;
  /** The last day of a visit of several days. */
  end?: string;
  /** 会場. */
  venue?: string;
  attendees?: string[];
  /** 傍聴者向け要旨: seeded once the visit has happened. */
  observer_summary?: string;
  /** People (by name) registered to attend (参加登録): seeded while the visit is still to come. */
  registered?: string[];
  findings?: { kind: FindingKind; visibility: FindingVisibility; text: string; source: string }[];
  homework?: { assignee: string; due: string; text: string; done: boolean }[];
}
interface DemoPlan {
  action: string;
  indicator: string;
  baseline: { value: number | null; as_of: string; note?: string };
  target: { value: number; by: string; unit?: string };
  timing: string;
  source: string;
  note?: string;
  /** [YYYY-MM, value]: seeded when the month has ended by the reference date. */
  measurements?: [string, number][];
}
interface DemoProgram {
  fiscal_year: string | number;
  name: string;
  plan_period?: string;
  visits: { seq: number; window: [string, string]; purpose: string }[];
  report_meeting: string;
}
interface DemoEngagement {
  theme: string;
  desired_state: string;
  municipal_lead: { name: string; title: string };
  observer: { municipality: string; name: string };
  visits: DemoVisit[];
  tree: TreeRow[];
  actions: string[];
  roadmap: { action: string; milestones: [string, string][] }[];
  verification: DemoPlan[];
  comments?: DemoComment[];
  /** 「取組と目標」 self-evaluation sheet of this fiscal year, in its order. */
  self_evaluations?: DemoSelfEvaluation[];
}
interface DemoSelfEvaluation {
  theme?: string;
  title: string;
  /** A catalogue code (I04) or the plan's own wording. */
  indicator?: string;
  unit?: string;
  target?: number;
  actual?: number;
  mark?: SelfEvaluationMark;
  comment?: string;
  direction?: SelfEvaluationDirection;
  direction_text?: string;
  /** Tree codes of the engagement's actions. */
  actions?: string[];
}
interface DemoComment {
  /** The subject: a tree code (node, action; milestone and plan: the first of the action's) or a visit seq. */
  on: [CommentSubjectType, string | number];
  at: string;
  author: string;
  kind?: CommentKind;
  visibility: FindingVisibility;
  body: string;
  mentions?: string[];
  resolved?: boolean;
  replies?: { author: string; at: string; body: string }[];
}
/** A published report of the demo: narratives by field, `by_theme` keyed by tree code. */
export interface DemoReport {
  published: string;
  narratives: Partial<Record<ReportNarrativeKey, string>> & { by_theme?: Record<string, string> };
}
interface DemoFile {
  program: DemoProgram;
  /** Last fiscal year's program and the engagement this year's one of the same municipality continued from. */
  previous_year?: DemoProgram & {
    engagement: {
      municipality: string;
      status: EngagementStatus;
      visits: DemoVisit[];
      /** Codes of this year's tree rows that already existed. */
      tree: string[];
      actions: { code: string; status: ActionStatus }[];
      roadmap: { action: string; milestones: [string, string][] }[];
      verification: DemoPlan[];
      pdca_review?: { assessment: PdcaAssessment; comment: string; next_actions: string };
      /** Last year's March report, published on `published` (YYYY-MM-DD). */
      report?: DemoReport;
    };
  };
  /** Program events of this year's program: days, venue, the participating engagements (by municipality), agenda. */
  program_events?: {
    kind: ProgramEventKind;
    title: string;
    start: string;
    end?: string;
    venue?: string;
    online?: string;
    engagements: string[];
    agenda: { time?: string; title: string; presenter?: string; engagement?: string }[];
    /** 議事録: seeded once the event is over. */
    minutes?: string;
  }[];
  /** 傍聴申請 still pending: a neighbour's staff asking to observe an engagement (by its municipality). */
  observation_requests?: { engagement: string; requester: string; message: string; at: string }[];
  people: { name: string; role: string; title?: string; org: string }[];
  indicators: {
    code: string;
    name: string;
    unit: string;
    direction: IndicatorDirection;
    level: IndicatorLevel;
    source: string;
    frequency?: string;
  }[];
  municipalities: {
    code: string;
    name: string;
    category: MunicipalityCategory;
    region_type: RegionType;
    population: number;
    aging_rate: number;
    pop85_rate: number;
    indicators: Record<string, number>;
    neighbours: string[];
    engagement: DemoEngagement;
  }[];
}

/** Neighbouring municipalities that observe; the demo file names them only. Codes start with 99 like the rest. */
const neighbourDetails: Record<string, { code: string; category: MunicipalityCategory; regionType: RegionType }> = {
  さくら区: { code: '990011', category: 'ward', regionType: 'metro' },
  ひがし市: { code: '990012', category: 'city', regionType: 'urban' },
  しおさい村: { code: '990013', category: 'town_village', regionType: 'island_mountain' },
};

/** The 介護保険事業計画 period (第9期 = FY2024–2026) a fiscal year falls in. */
export const planPeriodOf = (fy: number) => 9 + Math.floor((fy - 2024) / 3);

/** Resolves the file's relative dates against fiscal year `fy`, in every string of `value`. */
export function resolveDemoDates<T>(value: T, fy: number): T {
  if (typeof value === 'string')
    return value
      .replace(/(R|令和)\{fy([+-]\d+)\}/g, (_, era: string, n: string) => `${era}${fy + Number(n) - 2018}`)
      .replace(/\{期\}/g, String(planPeriodOf(fy)))
      .replace(/\bfy([+-]\d+)/g, (_, n: string) => String(fy + Number(n))) as T;
  if (Array.isArray(value)) return value.map((v) => resolveDemoDates(v, fy)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDemoDates(v, fy)])) as T;
  return value;
}

/** The demo file with its dates resolved for the fiscal year of `today` (YYYY-MM-DD). */
export function loadDemoFile(today: string = todayInJapan()): DemoFile {
  return resolveDemoDates(parse(readFileSync(demoYamlPath, 'utf8')) as DemoFile, fiscalYearOf(today));
}

const shiftMonth = (ym: string, delta: number) => {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + delta;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
};

/** Evidence strings such as "I05=58%(R6)" become indicator values; anything else is free-text evidence. */
const indicatorEvidence = /^([IM]\d{2})=([\d.]+)[^()\d]*(?:\((.+)\))?$/;

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(s.users);
  return (row?.n ?? 0) === 0;
}

export interface SeedOptions {
  password?: string;
  /** Reference date (YYYY-MM-DD) the demo's story stands at; defaults to today in Japan. */
  today?: string;
  /**
   * Whether to publish last year's March report (the case the library shows); default true. The API
   * tests' template leaves it out: their story drafts and publishes its own reports.
   */
  reports?: boolean;
}

export async function seedIfEmpty(db: Db, opts: SeedOptions = {}): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  await seedDemo(db, opts);
  return true;
}

interface SeedContext {
  tx: Tx;
  demo: DemoFile;
  today: string;
  fy: number;
  muniIds: Map<string, string>;
  userIds: Map<string, string>;
  indicatorIds: Map<string, string>;
}

/** The demo's organizer (実施主体): the program office's organization, one row for every demo program. */
async function demoOrganizer(tx: Tx, demo: DemoFile): Promise<string> {
  const name = demo.people.find((x) => x.role === 'program_office')?.org ?? demo.program.name;
  const [found] = await tx.select({ id: s.organizers.id }).from(s.organizers).where(eq(s.organizers.name, name));
  if (found) return found.id;
  const [row] = await tx.insert(s.organizers).values({ name, kind: 'prefecture' }).returning({ id: s.organizers.id });
  return row!.id;
}

async function insertProgram(tx: Tx, demo: DemoFile, p: DemoProgram) {
  const organizerId = await demoOrganizer(tx, demo);
  const [program] = await tx
    .insert(s.programs)
    .values({
      fiscalYear: Number(p.fiscal_year),
      name: p.name,
      planPeriod: p.plan_period ?? null,
      organizerId,
      visitWindows: p.visits.map((v) => ({ seq: v.seq, start: v.window[0], end: v.window[1], purpose: v.purpose })),
      reportMeeting: p.report_meeting,
    })
    .returning();
  if (!program) throw new Error('program insert failed');
  return program;
}

/** Visits with their findings and homework; a visit after the reference date is still planned and has neither. */
async function insertVisits(c: SeedContext, engagementId: string, visits: DemoVisit[], windows: DemoProgram['visits']) {
  const purposes = new Map(windows.map((v) => [v.seq, v.purpose]));
  for (const v of visits) {
    const happened = v.date <= c.today;
    const [visit] = await c.tx
      .insert(s.visits)
      .values({
        engagementId,
        seq: v.seq,
        kind: v.kind,
        date: v.date,
        endDate: v.end ?? null,
        venue: v.venue ?? '',
        status: happened ? v.status : 'planned',
        attendees: v.attendees ?? [],
        agenda: purposes.get(v.seq) ?? '',
        observerSummary: happened ? (v.observer_summary ?? '') : '',
      })
      .returning({ id: s.visits.id });
    if (!happened) {
      for (const name of v.registered ?? [])
        await c.tx.insert(s.visitAttendance).values({
          engagementId,
          visitId: visit!.id,
          userId: c.userIds.get(name)!,
          organizationName: demoAccounts.find((a) => a.name === name)?.municipality ?? '',
          registeredAt: new Date(`${c.today}T00:00:00Z`),
        });
      continue;
    }
    for (const f of v.findings ?? [])
      await c.tx.insert(s.findings).values({
        engagementId,
        visitId: visit!.id,
        kind: f.kind,
        text: f.text,
        source: f.source,
        visibility: f.visibility,
        createdBy: c.userIds.get('高田 悠')!,
      });
    for (const h of v.homework ?? []) {
      const done = h.done && h.due <= c.today;
      await c.tx.insert(s.homework).values({
        engagementId,
        visitId: visit!.id,
        text: h.text,
        assigneeUserId: c.userIds.get(h.assignee) ?? null,
        assigneeName: h.assignee,
        due: h.due,
        done,
        doneAt: done ? new Date(`${h.due}T00:00:00Z`) : null,
      });
    }
  }
}

/** The demo's threads and questions, at their own times; what the reference date has not reached is not there yet. */
async function insertComments(
  c: SeedContext,
  engagementId: string,
  e: DemoEngagement,
  ids: { nodeIds: Map<string, string>; actionIds: Map<string, string> },
) {
  const roleOf = (name: string): EngagementRole =>
    name === e.municipal_lead.name ? 'municipal_member' : name === e.observer.name ? 'observer' : 'advisor';
  const subjectOf = async ([type, ref]: DemoComment['on']): Promise<string> => {
    switch (type) {
      case 'node':
        return ids.nodeIds.get(String(ref))!;
      case 'action':
        return ids.actionIds.get(String(ref))!;
      case 'milestone':
      case 'plan': {
        const table = type === 'milestone' ? s.milestones : s.verificationPlans;
        const [row] = await c.tx
          .select({ id: table.id })
          .from(table)
          .where(eq(table.actionId, ids.actionIds.get(String(ref))!))
          .limit(1);
        return row!.id;
      }
      case 'visit': {
        const [row] = await c.tx
          .select({ id: s.visits.id })
          .from(s.visits)
          .where(and(eq(s.visits.engagementId, engagementId), eq(s.visits.seq, Number(ref))));
        return row!.id;
      }
    }
  };
  const at = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+09:00`);
  for (const t of e.comments ?? []) {
    if (t.at > c.today) continue;
    const subjectId = await subjectOf(t.on);
    const lastReply = (t.replies ?? []).filter((r) => r.at <= c.today).at(-1);
    const [root] = await c.tx
      .insert(s.comments)
      .values({
        engagementId,
        subjectType: t.on[0],
        subjectId,
        kind: t.kind ?? 'comment',
        visibility: t.visibility,
        body: t.body,
        authorId: c.userIds.get(t.author) ?? null,
        authorRole: roleOf(t.author),
        createdAt: at(t.at, 10),
        ...(t.resolved && lastReply ? { resolvedAt: at(lastReply.at, 17), resolvedBy: c.userIds.get(t.author) ?? null } : {}),
      })
      .returning({ id: s.comments.id });
    for (const name of t.mentions ?? []) await c.tx.insert(s.commentMentions).values({ commentId: root!.id, userId: c.userIds.get(name)! });
    for (const r of t.replies ?? []) {
      if (r.at > c.today) continue;
      await c.tx.insert(s.comments).values({
        engagementId,
        subjectType: t.on[0],
        subjectId,
        parentId: root!.id,
        kind: roleOf(r.author) === 'observer' ? 'question' : 'comment',
        visibility: t.visibility,
        body: r.body,
        authorId: c.userIds.get(r.author) ?? null,
        authorRole: roleOf(r.author),
        createdAt: at(r.at, 15),
      });
    }
  }
}

/** Roadmap spans and milestones: a milestone due before the reference date is done, the rest planned. */
async function insertRoadmap(c: SeedContext, actionIds: Map<string, string>, roadmap: DemoEngagement['roadmap'], fy: number) {
  for (const r of roadmap) {
    const actionId = actionIds.get(r.action)!;
    const dues = r.milestones.map(([due]) => due).sort();
    const start = shiftMonth(dues[0]!.slice(0, 7), -2);
    const earliest = `${fy}-09`;
    await c.tx.insert(s.roadmapItems).values({
      actionId,
      startMonth: start < earliest && dues[0]!.slice(0, 7) >= earliest ? earliest : start,
      endMonth: dues[dues.length - 1]!.slice(0, 7),
    });
    for (const [due, title] of r.milestones) {
      const done = due < c.today;
      await c.tx.insert(s.milestones).values({
        actionId,
        due,
        title,
        status: done ? 'done' : 'planned',
        completedAt: done ? new Date(`${due}T00:00:00Z`) : null,
      });
    }
  }
}

/** Verification plans and the measurements of months that have ended by the reference date. */
async function insertPlans(
  c: SeedContext,
  engagementId: string,
  actionIds: Map<string, string>,
  plans: DemoPlan[],
  department: string,
  enteredBy: string | null,
  origins?: Map<string, string>,
) {
  const thisMonth = c.today.slice(0, 7);
  const ids = new Map<string, string>();
  for (const v of plans) {
    const catalogue = c.demo.indicators.find((i) => i.code === v.indicator);
    const [plan] = await c.tx
      .insert(s.verificationPlans)
      .values({
        engagementId,
        actionId: actionIds.get(v.action)!,
        indicatorId: catalogue ? c.indicatorIds.get(catalogue.code)! : null,
        indicatorName: catalogue ? catalogue.name : v.indicator,
        unit: v.target.unit ?? catalogue?.unit ?? '',
        baselineValue: v.baseline.value,
        baselineAsOf: v.baseline.as_of,
        baselineNote: v.baseline.note ?? null,
        targetValue: v.target.value,
        targetBy: v.target.by,
        timing: v.timing,
        dataSource: v.source,
        responsible: department,
        note: v.note ?? null,
        originPlanId: origins?.get(`${v.action}/${v.indicator}`) ?? null,
      })
      .returning({ id: s.verificationPlans.id });
    ids.set(`${v.action}/${v.indicator}`, plan!.id);
    for (const [period, value] of v.measurements ?? [])
      if (period < thisMonth)
        await c.tx.insert(s.measurements).values({
          planId: plan!.id,
          period,
          value,
          enteredBy,
          createdAt: new Date(`${shiftMonth(period, 1)}-05T00:00:00Z`),
        });
  }
  return ids;
}

/** Last year's program and engagement; returns what this year's engagement continued from. */
async function insertPreviousYear(c: SeedContext) {
  const prev = c.demo.previous_year;
  if (!prev) return null;
  const m = c.demo.municipalities.find((x) => x.name === prev.engagement.municipality);
  if (!m) throw new Error(`previous_year: no municipality ${prev.engagement.municipality}`);
  const e = m.engagement;
  const program = await insertProgram(c.tx, c.demo, prev);
  const [engagement] = await c.tx
    .insert(s.engagements)
    .values({
      programId: program.id,
      municipalityId: c.muniIds.get(m.name)!,
      theme: e.theme,
      desiredState: e.desired_state,
      status: prev.engagement.status,
      createdAt: new Date(`${prev.visits[0]?.window[0] ?? `${program.fiscalYear}-04-01`}T00:00:00Z`),
      // ロードマップ合意 of an engagement at roadmap_agreed or later: proposed by its lead advisor, agreed by its municipal lead.
      ...(hasReachedStatus(prev.engagement.status, 'roadmap_agreed')
        ? {
            roadmapProposedBy: c.userIds.get(demoAccounts.find((x) => x.engagements?.includes(m.name) && x.name !== '北野 修')!.name)!,
            roadmapProposedAt: new Date(`${program.fiscalYear}-12-01T01:00:00Z`),
            roadmapAgreedBy: c.userIds.get(e.municipal_lead.name)!,
            roadmapAgreedAt: new Date(`${program.fiscalYear}-12-08T05:30:00Z`),
          }
        : {}),
    })
    .returning({ id: s.engagements.id });
  const engagementId = engagement!.id;
  for (const a of demoAccounts.filter((x) => x.engagements?.includes(m.name) && x.name !== '北野 修'))
    await c.tx.insert(s.memberships).values({
      engagementId,
      userId: c.userIds.get(a.name)!,
      role: 'advisor',
      teamRole: a.teamRole ?? 'advisor',
      title: a.engagementTitle ?? null,
    });
  await c.tx.insert(s.memberships).values({
    engagementId,
    userId: c.userIds.get(e.municipal_lead.name)!,
    role: 'municipal_member',
    teamRole: 'municipal_member',
    title: e.municipal_lead.title,
  });

  const codes = new Set(prev.engagement.tree);
  const rows = e.tree.filter(([code]) => codes.has(code));
  const nodeIds = await insertTree(c, engagementId, rows, new Map());
  await insertVisits(c, engagementId, prev.engagement.visits, prev.visits);

  const department = e.municipal_lead.title.split(/\s+/)[0] ?? '';
  const actionIds = new Map<string, string>();
  for (const a of prev.engagement.actions) {
    const [action] = await c.tx
      .insert(s.actions)
      .values({
        engagementId,
        nodeId: nodeIds.get(a.code)!,
        ownerDepartment: department,
        priority: 'medium',
        rationale: '前年度の振り返りを踏まえて選定',
        status: a.status,
      })
      .returning({ id: s.actions.id });
    actionIds.set(a.code, action!.id);
  }
  await insertRoadmap(c, actionIds, prev.engagement.roadmap, program.fiscalYear);
  const planIds = await insertPlans(
    c,
    engagementId,
    actionIds,
    prev.engagement.verification,
    department,
    c.userIds.get(e.municipal_lead.name) ?? null,
  );
  const review = prev.engagement.pdca_review;
  if (review)
    await c.tx.insert(s.pdcaReviews).values({
      engagementId,
      fiscalYear: program.fiscalYear,
      assessment: review.assessment,
      comment: review.comment,
      nextActions: review.next_actions,
      updatedBy: c.userIds.get(e.municipal_lead.name) ?? null,
      updatedAt: new Date(`${program.fiscalYear + 1}-03-25T00:00:00Z`),
    });
  return { municipality: m.name, engagementId, nodeIds, actionIds, planIds };
}

/** A tree as revision 1, with its evidence. `origins` maps codes to the nodes they were continued from. */
/** The municipality's 「取組と目標」 self-evaluation sheet of this fiscal year, written by its member. */
async function insertSelfEvaluations(
  c: SeedContext,
  engagementId: string,
  items: DemoSelfEvaluation[],
  actionIds: Map<string, string>,
  authorId: string | null,
) {
  for (const [i, item] of items.entries()) {
    const indicatorId = item.indicator ? (c.indicatorIds.get(item.indicator) ?? null) : null;
    const at = new Date(`${c.today}T00:00:00Z`);
    await c.tx.insert(s.selfEvaluationItems).values({
      engagementId,
      fiscalYear: c.fy,
      position: i + 1,
      theme: item.theme ?? '',
      title: item.title,
      indicatorId,
      indicatorName: indicatorId ? '' : (item.indicator ?? ''),
      unit: item.unit ?? '',
      targetValue: item.target ?? null,
      actualValue: item.actual ?? null,
      mark: item.mark ?? null,
      comment: item.comment ?? '',
      direction: item.direction ?? null,
      directionText: item.direction_text ?? '',
      actionIds: (item.actions ?? []).map((code) => actionIds.get(code)!),
      createdBy: authorId,
      updatedBy: authorId,
      createdAt: at,
      updatedAt: at,
    });
  }
}

async function insertTree(c: SeedContext, engagementId: string, rows: TreeRow[], origins: Map<string, string>) {
  const m = c.demo.municipalities.find((x) => x.engagement.tree.some(([code]) => code === rows[0]?.[0]))!;
  const nodeIds = new Map(rows.map(([code]) => [code, randomUUID()]));
  const positions = new Map<string | null, number>();
  const nodes: TreeNodeShape[] = rows.map(([code, kind, parent, title, , hypothesisState]) => {
    const position = positions.get(parent) ?? 0;
    positions.set(parent, position + 1);
    return {
      id: nodeIds.get(code)!,
      parentId: parent ? nodeIds.get(parent)! : null,
      position,
      kind,
      title,
      detail: '',
      hypothesisState: hypothesisState ?? null,
    };
  });
  await c.tx.insert(s.trees).values({ engagementId, revision: 1 });
  await c.tx.insert(s.treeNodes).values(nodes.map((n, i) => ({ ...n, engagementId, originNodeId: origins.get(rows[i]![0]) ?? null })));
  await c.tx.insert(s.treeRevisions).values({
    engagementId,
    revision: 1,
    actorId: c.userIds.get('森川 恵子')!,
    summary: `import ${nodes.length} nodes`,
    operations: nodes.map((n) => ({ op: 'add' as const, id: n.id, parentId: n.parentId, kind: n.kind, title: n.title })),
    nodes,
  });
  for (const [code, , , , ev] of rows) {
    if (!ev || ev === 'not_selected') continue;
    const match = indicatorEvidence.exec(ev);
    const nodeId = nodeIds.get(code)!;
    if (match && c.indicatorIds.has(match[1]!)) {
      const period = (match[3] && normalizePeriod(match[3])) || `FY${c.fy}`;
      const [value] = await c.tx
        .insert(s.indicatorValues)
        .values({
          indicatorId: c.indicatorIds.get(match[1]!)!,
          municipalityId: c.muniIds.get(m.name)!,
          period,
          value: Number(match[2]),
          source: c.demo.indicators.find((i) => i.code === match[1])?.source ?? '',
        })
        .onConflictDoNothing()
        .returning({ id: s.indicatorValues.id });
      // Last year's tree may have recorded the same value already: its evidence points at that row.
      const [existing] = value
        ? [value]
        : await c.tx
            .select({ id: s.indicatorValues.id })
            .from(s.indicatorValues)
            .where(
              and(
                eq(s.indicatorValues.indicatorId, c.indicatorIds.get(match[1]!)!),
                eq(s.indicatorValues.municipalityId, c.muniIds.get(m.name)!),
                eq(s.indicatorValues.period, period),
              ),
            );
      if (existing)
        await c.tx.insert(s.evidence).values({ engagementId, nodeId, kind: 'indicator_value', indicatorValueId: existing.id, period });
    } else {
      await c.tx.insert(s.evidence).values({ engagementId, nodeId, kind: 'text', text: ev, source: '' });
    }
  }
  return nodeIds;
}

export async function seedDemo(db: Db, opts: SeedOptions = {}): Promise<void> {
  const today = opts.today ?? todayInJapan();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new RangeError(`Not an ISO date: ${today}`);
  const fy = fiscalYearOf(today);
  const demo = loadDemoFile(today);
  const passwordHash = await hashPassword(opts.password ?? DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const existing = await tx.select({ id: s.programs.id }).from(s.programs).where(eq(s.programs.name, demo.program.name)).limit(1);
    if (existing.length > 0) return;

    // Municipalities: the three supported ones and their observing neighbours.
    const muniIds = new Map<string, string>();
    for (const m of demo.municipalities) {
      const [row] = await tx
        .insert(s.municipalities)
        .values({
          code: m.code,
          name: m.name,
          category: m.category,
          regionType: m.region_type,
          population: m.population,
          agingRate: m.aging_rate,
          pop85Rate: m.pop85_rate,
        })
        .returning({ id: s.municipalities.id });
      muniIds.set(m.name, row!.id);
    }
    for (const [name, d] of Object.entries(neighbourDetails)) {
      const [row] = await tx
        .insert(s.municipalities)
        .values({ code: d.code, name, category: d.category, regionType: d.regionType })
        .returning({ id: s.municipalities.id });
      muniIds.set(name, row!.id);
    }
    for (const m of demo.municipalities)
      for (const n of m.neighbours) {
        const a = muniIds.get(m.name)!;
        const b = muniIds.get(n)!;
        await tx.insert(s.municipalityNeighbours).values([
          { municipalityId: a, neighbourId: b },
          { municipalityId: b, neighbourId: a },
        ]);
      }

    // Indicators and the municipalities' key values (last fiscal year's, in Reiwa years).
    const indicatorIds = new Map<string, string>();
    for (const i of demo.indicators) {
      const [row] = await tx
        .insert(s.indicators)
        .values({
          code: i.code,
          name: i.name,
          unit: i.unit,
          direction: i.direction,
          level: i.level,
          source: i.source,
          frequency: i.frequency ?? null,
        })
        .returning({ id: s.indicators.id });
      indicatorIds.set(i.code, row!.id);
    }
    for (const i of analysisIndicators) {
      const [row] = await tx
        .insert(s.indicators)
        .values({
          code: i.code,
          name: i.name,
          unit: i.unit,
          direction: i.direction,
          level: i.level,
          source: '地域包括ケア「見える化」システム',
          definition: i.definition,
          theme: i.theme,
          figureKind: i.figureKind,
          decimals: i.decimals,
          minValue: 0,
          maxValue: i.unit === '%' ? 100 : null,
        })
        .returning({ id: s.indicators.id });
      indicatorIds.set(i.code, row!.id);
    }
    for (const m of demo.municipalities)
      for (const [code, value] of Object.entries(m.indicators))
        await tx.insert(s.indicatorValues).values({
          indicatorId: indicatorIds.get(code)!,
          municipalityId: muniIds.get(m.name)!,
          period: `FY${fy - 1}`,
          value,
          source: demo.indicators.find((i) => i.code === code)?.source ?? '',
        });
    await seedAnalysis(tx, {
      fy,
      indicatorIds,
      municipalities: [...muniIds].map(([name, id]) => ({
        id,
        name,
        keyValues: demo.municipalities.find((m) => m.name === name)?.indicators ?? {},
      })),
      grantMunicipalities: demo.municipalities.map((m) => ({ id: muniIds.get(m.name)!, name: m.name })),
    });

    const program = await insertProgram(tx, demo, demo.program);
    // The organizer serves every demo municipality (its jurisdiction).
    await tx
      .insert(s.organizerMunicipalities)
      .values([...muniIds.values()].map((municipalityId) => ({ organizerId: program.organizerId, municipalityId })))
      .onConflictDoNothing();

    // People.
    const person = new Map(demo.people.map((p) => [p.name, p]));
    const userIds = new Map<string, string>();
    for (const a of demoAccounts) {
      const lead = demo.municipalities.find((m) => m.engagement.municipal_lead.name === a.name)?.engagement.municipal_lead;
      const [row] = await tx
        .insert(s.users)
        .values({
          email: a.email,
          name: a.name,
          title: person.get(a.name)?.title ?? lead?.title ?? null,
          organization: person.get(a.name)?.org ?? a.municipality ?? null,
          passwordHash,
          organizerId: a.kind === 'program_office' ? program.organizerId : null,
          municipalityId: a.municipality ? muniIds.get(a.municipality)! : null,
        })
        .returning({ id: s.users.id });
      userIds.set(a.name, row!.id);
    }

    const c: SeedContext = { tx, demo, today, fy, muniIds, userIds, indicatorIds };
    const previous = await insertPreviousYear(c);

    const engagementIds = new Map<string, string>();
    for (const m of demo.municipalities) {
      const e = m.engagement;
      const continued = previous?.municipality === m.name ? previous : null;
      const [engagement] = await tx
        .insert(s.engagements)
        .values({
          programId: program.id,
          municipalityId: muniIds.get(m.name)!,
          theme: e.theme,
          desiredState: e.desired_state,
          status: 'actions_selected',
          previousEngagementId: continued?.engagementId ?? null,
        })
        .returning({ id: s.engagements.id });
      const engagementId = engagement!.id;
      engagementIds.set(m.name, engagementId);

      for (const a of demoAccounts.filter((x) => x.engagements?.includes(m.name)))
        await tx.insert(s.memberships).values({
          engagementId,
          userId: userIds.get(a.name)!,
          role: 'advisor',
          teamRole: a.teamRole ?? 'advisor',
          title: a.engagementTitle ?? null,
        });
      await tx.insert(s.memberships).values({
        engagementId,
        userId: userIds.get(e.municipal_lead.name)!,
        role: 'municipal_member',
        teamRole: 'municipal_member',
        title: e.municipal_lead.title,
      });
      await tx.insert(s.observerGrants).values({
        engagementId,
        municipalityId: muniIds.get(e.observer.municipality)!,
        scope: 'process',
        validUntil: `${fy + 2}-03-31`,
      });

      const nodeIds = await insertTree(c, engagementId, e.tree, continued?.nodeIds ?? new Map());
      await insertVisits(c, engagementId, e.visits, demo.program.visits);

      // Actions, roadmap and verification.
      const department = e.municipal_lead.title.split(/\s+/)[0] ?? '';
      const titleOf = new Map(e.tree.map(([code, , parent, title]) => [code, { title, parent }]));
      const actionIds = new Map<string, string>();
      for (const code of e.actions) {
        const parent = titleOf.get(code)?.parent;
        const cause = parent ? titleOf.get(parent)?.title : undefined;
        const roadmap = e.roadmap.find((r) => r.action === code);
        const started = roadmap?.milestones.some(([due]) => due < today) ?? false;
        const [action] = await tx
          .insert(s.actions)
          .values({
            engagementId,
            nodeId: nodeIds.get(code)!,
            ownerDepartment: department,
            priority: 'medium',
            rationale: cause ? `要因「${cause}」に直接働きかける取組として選定` : '目指す姿に向けた取組として選定',
            status: started ? 'in_progress' : 'selected',
            originActionId: continued?.actionIds.get(code) ?? null,
          })
          .returning({ id: s.actions.id });
        actionIds.set(code, action!.id);
      }
      await insertRoadmap(c, actionIds, e.roadmap, fy);
      await insertPlans(
        c,
        engagementId,
        actionIds,
        e.verification,
        department,
        userIds.get(e.municipal_lead.name) ?? null,
        continued?.planIds,
      );
      await insertComments(c, engagementId, e, { nodeIds, actionIds });
      await insertSelfEvaluations(c, engagementId, e.self_evaluations ?? [], actionIds, userIds.get(e.municipal_lead.name) ?? null);
    }

    // Last year's March report of the engagement this year's continued from, published at the report meeting.
    const report = demo.previous_year?.engagement.report;
    if (previous && report && opts.reports !== false)
      await seedDemoReport(tx, {
        engagementId: previous.engagementId,
        nodeIds: previous.nodeIds,
        report,
        author: userIds.get('森川 恵子')!,
        publisher: userIds.get('佐伯 真理')!,
      });

    // The program's events: a 合同ヒアリング in the autumn and the March 報告会 of the three engagements.
    for (const ev of demo.program_events ?? []) {
      const endDate = ev.end ?? ev.start;
      const engagementOf = (name: string) => {
        const id = engagementIds.get(name);
        if (!id) throw new Error(`program event ${ev.title}: no engagement of ${name}`);
        return id;
      };
      const [event] = await tx
        .insert(s.programEvents)
        .values({
          programId: program.id,
          kind: ev.kind,
          title: ev.title,
          startDate: ev.start,
          endDate,
          venue: ev.venue ?? '',
          onlineUrl: ev.online ?? null,
          agenda: ev.agenda.map((a) => ({
            time: a.time ?? '',
            title: a.title,
            presenter: a.presenter ?? '',
            engagementId: a.engagement ? engagementOf(a.engagement) : null,
          })),
          minutes: endDate < today ? (ev.minutes ?? '') : '',
          createdBy: userIds.get('佐伯 真理') ?? null,
          createdAt: new Date(`${ev.start < today ? ev.start : today}T00:00:00Z`),
        })
        .returning({ id: s.programEvents.id });
      await tx
        .insert(s.programEventEngagements)
        .values(ev.engagements.map((name, position) => ({ eventId: event!.id, engagementId: engagementOf(name), position })));
    }

    // 傍聴申請 waiting for the office (asked on `at`, or today when that is still to come).
    for (const r of demo.observation_requests ?? []) {
      const requester = demoAccounts.find((a) => a.name === r.requester);
      await tx.insert(s.observationRequests).values({
        engagementId: engagementIds.get(r.engagement)!,
        requestedBy: userIds.get(r.requester)!,
        municipalityId: muniIds.get(requester?.municipality ?? '')!,
        message: r.message,
        createdAt: new Date(`${r.at <= today ? r.at : today}T00:00:00Z`),
      });
    }
  });
}
