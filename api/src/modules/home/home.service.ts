import {
  can,
  type EngagementRole,
  type EngagementStatus,
  type Home,
  type HomeGroup,
  type HomeItem,
  type HomeItemKind,
  homeItemKinds,
  hasReachedStatus,
} from '@banso/shared';
import type { ServiceContext } from '../../lib/context.js';
import { roleOf } from '../access/access.service.js';
import * as applicationsRepo from '../applications/applications.repository.js';
import * as engagementsRepo from '../engagements/engagements.repository.js';
import * as hearingRepo from '../hearing/hearing.repository.js';
import * as pdcaRepo from '../pdca/pdca.repository.js';
import * as programsRepo from '../programs/programs.repository.js';
import * as roadmapRepo from '../roadmap/roadmap.repository.js';
import * as teamsRepo from '../teams/teams.repository.js';
import { latestDuePeriod, recordBy } from './measurement-due.js';

/** Milestones due within this many days count as the municipal member's to-do. */
const MILESTONE_HORIZON_DAYS = 30;
/** The PDCA review is due from this many days before the report meeting (or the fiscal year's end). */
const REVIEW_LEAD_DAYS = 45;
/** After the end of visit window N (by seq order) the engagement should have reached this status. */
const expectedAfterWindow: readonly EngagementStatus[] = ['structuring', 'actions_selected', 'roadmap_agreed'];

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface EngagementContext {
  id: string;
  programId: string;
  fiscalYear: number;
  status: EngagementStatus;
  theme: string;
  municipality: { id: string; name: string };
  role: EngagementRole;
  delayedMilestones: number;
}

type Draft = Omit<HomeItem, 'engagementId' | 'programId' | 'fiscalYear' | 'municipality' | 'overdue' | 'period'> &
  Partial<Pick<HomeItem, 'period'>>;

/**
 * What is the caller's to do, across every engagement they have a role in. Each kind is read only
 * where the caller's role may read it (the policy table), so nothing reaches the home that the
 * engagement's own pages would hide:
 * - municipal member: open homework of their municipality's staff, milestones due within 30 days or
 *   overdue, plans whose value for the latest scheduled period is missing, the PDCA review when due;
 * - advisor: the next visit of each engagement, open homework, overdue milestones, the PDCA review when due;
 * - program office: engagements with overdue milestones or a status behind the program's calendar,
 *   applications waiting for selection.
 */
export async function getHome(ctx: ServiceContext, limit: number): Promise<Home> {
  const { db, actor, clock } = ctx;
  const today = clock.today();
  const items: HomeItem[] = [];
  const rows = await engagementsRepo.listVisibleEngagements(db, actor, today);
  const programCache = new Map<string, Awaited<ReturnType<typeof programsRepo.findProgram>>>();
  const programOf = async (id: string) => {
    if (!programCache.has(id)) programCache.set(id, await programsRepo.findProgram(db, id));
    return programCache.get(id);
  };

  for (const r of rows) {
    const role = roleOf(r.memberRole, Boolean(r.observing), Boolean(r.administers));
    if (!role || role === 'observer') continue;
    // A closed engagement asks nothing more of anyone.
    if (r.engagement.status === 'closed') continue;
    const e: EngagementContext = {
      id: r.engagement.id,
      programId: r.engagement.programId,
      fiscalYear: r.fiscalYear,
      status: r.engagement.status,
      theme: r.engagement.theme,
      municipality: { id: r.municipality.id, name: r.municipality.name },
      role,
      delayedMilestones: r.delayedMilestones,
    };
    const access = { userId: actor.id, role };
    const push = (d: Draft) =>
      items.push({
        period: null,
        ...d,
        engagementId: e.id,
        programId: e.programId,
        fiscalYear: e.fiscalYear,
        municipality: e.municipality,
        overdue: d.due !== null && d.due < today,
      });

    if (role === 'program_office') {
      const program = await programOf(e.programId);
      const windows = [...(program?.visitWindows ?? [])].sort((a, b) => a.seq - b.seq);
      let behind: string | null = null;
      windows.forEach((w, i) => {
        const expected = expectedAfterWindow[i];
        if (expected && w.end < today && !hasReachedStatus(e.status, expected)) behind = w.end;
      });
      if (e.delayedMilestones > 0 || behind) {
        const milestones = e.delayedMilestones > 0 ? await roadmapRepo.listMilestones(db, e.id) : [];
        const firstOverdue = milestones.find((m) => isOpenMilestone(m.milestone.status) && m.milestone.due < today);
        const due = [firstOverdue?.milestone.due, behind].filter((d): d is string => Boolean(d)).sort()[0] ?? null;
        push({ kind: 'delayed_engagement', id: e.id, title: e.theme, due, target: 'roadmap' });
      }
      continue;
    }

    // ── advisor and municipal member ──
    if (can(access, 'homework.read')) {
      const homework = (await hearingRepo.listHomework(db, e.id)).filter((h) => !h.done);
      let mine = homework;
      if (role === 'municipal_member') {
        // The municipality's own staff on the team (the member themself and colleagues), not the advisors.
        const members = await teamsRepo.listMembers(db, e.id);
        const staff = new Set(members.filter((m) => m.role === 'municipal_member').map((m) => m.userId));
        staff.add(actor.id);
        mine = homework.filter((h) => h.assigneeUserId !== null && staff.has(h.assigneeUserId));
      }
      for (const h of mine) push({ kind: 'homework', id: h.id, title: h.text, due: h.due, target: 'hearing' });
    }

    if (can(access, 'roadmap.read')) {
      const horizon = role === 'municipal_member' ? addDays(today, MILESTONE_HORIZON_DAYS) : today;
      const actions = new Map((await roadmapRepo.listRoadmapActions(db, e.id)).map((a) => [a.action.id, a.action.status]));
      for (const { milestone: m } of await roadmapRepo.listMilestones(db, e.id)) {
        if (!isOpenMilestone(m.status) || actions.get(m.actionId) === 'dropped') continue;
        const counts = role === 'municipal_member' ? m.due <= horizon : m.due < horizon;
        if (counts) push({ kind: 'milestone', id: m.id, title: m.title, due: m.due, target: 'roadmap' });
      }
    }

    if (role === 'municipal_member' && can(access, 'measurement.write')) {
      const actions = new Map((await roadmapRepo.listRoadmapActions(db, e.id)).map((a) => [a.action.id, a.action.status]));
      const plans = await roadmapRepo.listPlans(db, e.id);
      const measured = await roadmapRepo.listMeasurements(db, e.id);
      for (const { plan, indicator } of plans) {
        const status = plan.actionId ? actions.get(plan.actionId) : undefined;
        if (status === 'dropped' || status === 'done') continue;
        const period = latestDuePeriod(plan, today);
        if (!period) continue;
        const has = measured.some((m) => m.measurement.planId === plan.id && m.measurement.period >= period);
        if (!has)
          push({
            kind: 'measurement',
            id: plan.id,
            title: indicator?.name ?? plan.indicatorName,
            due: recordBy(period),
            period,
            target: 'roadmap',
          });
      }
    }

    if (role === 'advisor' && can(access, 'visit.read')) {
      const next = (await hearingRepo.listVisits(db, e.id)).find((v) => v.status === 'planned');
      if (next) push({ kind: 'visit', id: next.id, title: next.agenda || e.theme, due: next.date, target: 'hearing' });
    }

    // The municipality writes its self-evaluation, the advisors their comment: each is asked for its own part.
    const selfEvaluation = can(access, 'pdca.self');
    if (selfEvaluation || can(access, 'pdca.comment')) {
      const program = await programOf(e.programId);
      const due = program?.reportMeeting ?? `${e.fiscalYear + 1}-03-31`;
      const reviewed = selfEvaluation
        ? await pdcaRepo.findReview(db, e.id, e.fiscalYear)
        : await pdcaRepo.findAdvisorComment(db, e.id, e.fiscalYear);
      if (!reviewed && today >= addDays(due, -REVIEW_LEAD_DAYS))
        push({ kind: 'pdca_review', id: e.id, title: e.theme, due, target: 'review' });
    }
  }

  // Applications waiting for the office's selection, in every program it administers.
  if (actor.organizerId) {
    for (const { program, administered } of await programsRepo.listPrograms(db, actor)) {
      if (!administered) continue;
      for (const a of await applicationsRepo.listApplications(db, program.id, null)) {
        if (a.application.status !== 'submitted') continue;
        items.push({
          kind: 'application',
          id: a.application.id,
          engagementId: null,
          programId: program.id,
          fiscalYear: program.fiscalYear,
          municipality: { id: a.municipality.id, name: a.municipality.name },
          title: a.application.theme,
          due: null,
          period: null,
          overdue: false,
          target: 'applications',
        });
      }
    }
  }

  return { today, groups: group(items, limit) };
}

const isOpenMilestone = (status: string) => status === 'planned' || status === 'delayed';

/** One group per kind that has items: overdue first, then by due date (undated last), at most `limit` each. */
function group(items: HomeItem[], limit: number): HomeGroup[] {
  const order = (a: HomeItem, b: HomeItem) =>
    Number(b.overdue) - Number(a.overdue) ||
    (a.due ?? '9999').localeCompare(b.due ?? '9999') ||
    a.municipality.name.localeCompare(b.municipality.name, 'ja') ||
    a.title.localeCompare(b.title, 'ja');
  return homeItemKinds.flatMap((kind: HomeItemKind) => {
    const all = items.filter((i) => i.kind === kind).sort(order);
    return all.length ? [{ kind, total: all.length, items: all.slice(0, limit) }] : [];
  });
}
