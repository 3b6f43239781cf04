/**
 * Loads the demo program (demo/engagements.ja.yaml, a copy of ../shared/demo) and the demo accounts.
 * Idempotent: it does nothing when the demo program already exists, and `seedIfEmpty` never touches
 * a database that holds any user.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type MunicipalityCategory,
  type NodeKind,
  type RegionType,
  type TreeNodeShape,
  type VisitKind,
  type VisitStatus,
  type FindingKind,
  type FindingVisibility,
  type IndicatorDirection,
  type IndicatorLevel,
} from '@banso/shared';
import { count, eq } from 'drizzle-orm';
import { parse } from 'yaml';
import { hashPassword } from '../modules/auth/auth.service.js';
import type { Db } from './client.js';
import { DEMO_PASSWORD, demoAccounts } from './demo/accounts.js';
import * as s from './schema/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const demoYamlPath = path.join(here, 'demo', 'engagements.ja.yaml');

type TreeRow = [string, NodeKind, string | null, string, string?];
interface DemoFile {
  program: {
    fiscal_year: number;
    name: string;
    plan_period: string;
    visits: { seq: number; window: [string, string]; purpose: string }[];
    report_meeting: string;
  };
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
    engagement: {
      theme: string;
      desired_state: string;
      municipal_lead: { name: string; title: string };
      observer: { municipality: string; name: string };
      visits: {
        seq: number;
        kind: VisitKind;
        date: string;
        status: VisitStatus;
        attendees?: string[];
        findings?: { kind: FindingKind; visibility: FindingVisibility; text: string; source: string }[];
        homework?: { assignee: string; due: string; text: string; done: boolean }[];
      }[];
      tree: TreeRow[];
      actions: string[];
      roadmap: { action: string; milestones: [string, string][] }[];
      verification: {
        action: string;
        indicator: string;
        baseline: { value: number | null; as_of: string; note?: string };
        target: { value: number; by: string; unit?: string };
        timing: string;
        source: string;
        note?: string;
      }[];
    };
  }[];
}

/** Neighbouring municipalities that observe; the demo file names them only. Codes start with 99 like the rest. */
const neighbourDetails: Record<string, { code: string; category: MunicipalityCategory; regionType: RegionType }> = {
  さくら区: { code: '990011', category: 'ward', regionType: 'metro' },
  ひがし市: { code: '990012', category: 'city', regionType: 'urban' },
  しおさい村: { code: '990013', category: 'town_village', regionType: 'island_mountain' },
};

/** The demo's story stands at the end of November 2025: milestones due before it were completed. */
const DEMO_AS_OF = '2025-11-30';

export function loadDemoFile(): DemoFile {
  return parse(readFileSync(demoYamlPath, 'utf8')) as DemoFile;
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

export async function seedIfEmpty(db: Db, opts: { password?: string } = {}): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  await seedDemo(db, opts);
  return true;
}

export async function seedDemo(db: Db, opts: { password?: string } = {}): Promise<void> {
  const demo = loadDemoFile();
  const passwordHash = await hashPassword(opts.password ?? DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: s.programs.id })
      .from(s.programs)
      .where(eq(s.programs.name, demo.program.name))
      .limit(1);
    if (existing.length > 0) return;

    const [program] = await tx
      .insert(s.programs)
      .values({
        fiscalYear: demo.program.fiscal_year,
        name: demo.program.name,
        planPeriod: demo.program.plan_period,
        organizer: demo.people.find((p) => p.role === 'program_office')?.org ?? null,
        visitWindows: demo.program.visits.map((v) => ({ seq: v.seq, start: v.window[0], end: v.window[1], purpose: v.purpose })),
        reportMeeting: demo.program.report_meeting,
      })
      .returning();
    if (!program) throw new Error('program insert failed');

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

    // Indicators and the municipalities' key values.
    const indicatorIds = new Map<string, string>();
    for (const i of demo.indicators) {
      const [row] = await tx
        .insert(s.indicators)
        .values({ code: i.code, name: i.name, unit: i.unit, direction: i.direction, level: i.level, source: i.source, frequency: i.frequency ?? null })
        .returning({ id: s.indicators.id });
      indicatorIds.set(i.code, row!.id);
    }
    for (const m of demo.municipalities)
      for (const [code, value] of Object.entries(m.indicators))
        await tx.insert(s.indicatorValues).values({
          indicatorId: indicatorIds.get(code)!,
          municipalityId: muniIds.get(m.name)!,
          period: 'R6',
          value,
          source: demo.indicators.find((i) => i.code === code)?.source ?? '',
        });

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
          programOfficeOf: a.kind === 'program_office' ? program.id : null,
          municipalityId: a.municipality ? muniIds.get(a.municipality)! : null,
        })
        .returning({ id: s.users.id });
      userIds.set(a.name, row!.id);
    }

    for (const m of demo.municipalities) {
      const e = m.engagement;
      const [engagement] = await tx
        .insert(s.engagements)
        .values({
          programId: program.id,
          municipalityId: muniIds.get(m.name)!,
          theme: e.theme,
          desiredState: e.desired_state,
          status: 'actions_selected',
        })
        .returning({ id: s.engagements.id });
      const engagementId = engagement!.id;

      for (const a of demoAccounts.filter((x) => x.engagements?.includes(m.name)))
        await tx.insert(s.memberships).values({ engagementId, userId: userIds.get(a.name)!, role: 'advisor', title: a.engagementTitle ?? null });
      await tx
        .insert(s.memberships)
        .values({ engagementId, userId: userIds.get(e.municipal_lead.name)!, role: 'municipal_member', title: e.municipal_lead.title });
      await tx.insert(s.observerGrants).values({
        engagementId,
        municipalityId: muniIds.get(e.observer.municipality)!,
        scope: 'process',
        validUntil: `${demo.program.fiscal_year + 2}-03-31`,
      });

      // Logic tree, as revision 1.
      const nodeIds = new Map(e.tree.map(([code]) => [code, randomUUID()]));
      const positions = new Map<string | null, number>();
      const nodes: TreeNodeShape[] = e.tree.map(([code, kind, parent, title]) => {
        const position = positions.get(parent) ?? 0;
        positions.set(parent, position + 1);
        return {
          id: nodeIds.get(code)!,
          parentId: parent ? nodeIds.get(parent)! : null,
          position,
          kind,
          title,
          detail: '',
          hypothesisState: null,
        };
      });
      await tx.insert(s.trees).values({ engagementId, revision: 1 });
      await tx.insert(s.treeNodes).values(nodes.map((n) => ({ ...n, engagementId })));
      await tx.insert(s.treeRevisions).values({
        engagementId,
        revision: 1,
        actorId: userIds.get('森川 恵子')!,
        summary: `import ${nodes.length} nodes`,
        operations: nodes.map((n) => ({ op: 'add' as const, id: n.id, parentId: n.parentId, kind: n.kind, title: n.title })),
        nodes,
      });
      for (const [code, , , , ev] of e.tree) {
        if (!ev || ev === 'not_selected') continue;
        const match = indicatorEvidence.exec(ev);
        const nodeId = nodeIds.get(code)!;
        if (match && indicatorIds.has(match[1]!)) {
          const period = match[3] ?? `R${demo.program.fiscal_year - 2018}`;
          const [value] = await tx
            .insert(s.indicatorValues)
            .values({
              indicatorId: indicatorIds.get(match[1]!)!,
              municipalityId: muniIds.get(m.name)!,
              period,
              value: Number(match[2]),
              source: demo.indicators.find((i) => i.code === match[1])?.source ?? '',
            })
            .onConflictDoNothing()
            .returning({ id: s.indicatorValues.id });
          if (value) await tx.insert(s.evidence).values({ engagementId, nodeId, kind: 'indicator_value', indicatorValueId: value.id, period });
        } else {
          await tx.insert(s.evidence).values({ engagementId, nodeId, kind: 'text', text: ev, source: '' });
        }
      }

      // Visits, findings, homework.
      const windows = new Map(demo.program.visits.map((v) => [v.seq, v.purpose]));
      for (const v of e.visits) {
        const [visit] = await tx
          .insert(s.visits)
          .values({
            engagementId,
            seq: v.seq,
            kind: v.kind,
            date: v.date,
            status: v.status,
            attendees: v.attendees ?? [],
            agenda: windows.get(v.seq) ?? '',
          })
          .returning({ id: s.visits.id });
        for (const f of v.findings ?? [])
          await tx.insert(s.findings).values({
            engagementId,
            visitId: visit!.id,
            kind: f.kind,
            text: f.text,
            source: f.source,
            visibility: f.visibility,
            createdBy: userIds.get('高田 悠')!,
          });
        for (const h of v.homework ?? [])
          await tx.insert(s.homework).values({
            engagementId,
            visitId: visit!.id,
            text: h.text,
            assigneeUserId: userIds.get(h.assignee) ?? null,
            assigneeName: h.assignee,
            due: h.due,
            done: h.done,
            doneAt: h.done ? new Date(`${h.due}T00:00:00Z`) : null,
          });
      }

      // Actions, roadmap and verification.
      const department = e.municipal_lead.title.split(/\s+/)[0] ?? '';
      const titleOf = new Map(e.tree.map(([code, , parent, title]) => [code, { title, parent }]));
      const actionIds = new Map<string, string>();
      for (const code of e.actions) {
        const parent = titleOf.get(code)?.parent;
        const cause = parent ? titleOf.get(parent)?.title : undefined;
        const roadmap = e.roadmap.find((r) => r.action === code);
        const started = roadmap?.milestones.some(([due]) => due <= DEMO_AS_OF) ?? false;
        const [action] = await tx
          .insert(s.actions)
          .values({
            engagementId,
            nodeId: nodeIds.get(code)!,
            ownerDepartment: department,
            priority: 'medium',
            rationale: cause ? `要因「${cause}」に直接働きかける取組として選定` : '目指す姿に向けた取組として選定',
            status: started ? 'in_progress' : 'selected',
          })
          .returning({ id: s.actions.id });
        actionIds.set(code, action!.id);
      }
      for (const r of e.roadmap) {
        const actionId = actionIds.get(r.action)!;
        const dues = r.milestones.map(([due]) => due).sort();
        const start = shiftMonth(dues[0]!.slice(0, 7), -2);
        await tx.insert(s.roadmapItems).values({
          actionId,
          startMonth: start < '2025-09' ? '2025-09' : start,
          endMonth: dues[dues.length - 1]!.slice(0, 7),
        });
        for (const [due, title] of r.milestones)
          await tx.insert(s.milestones).values({
            actionId,
            due,
            title,
            status: due <= DEMO_AS_OF ? 'done' : 'planned',
            completedAt: due <= DEMO_AS_OF ? new Date(`${due}T00:00:00Z`) : null,
          });
      }
      for (const v of e.verification) {
        const catalogue = demo.indicators.find((i) => i.code === v.indicator);
        await tx.insert(s.verificationPlans).values({
          actionId: actionIds.get(v.action)!,
          indicatorId: catalogue ? indicatorIds.get(catalogue.code)! : null,
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
        });
      }
    }
  });
}
