/**
 * The facts another municipality learns from (issue 16): the visit log, the team and the themes of
 * Before ⇒ After. Pure functions over what record.repository reads. A published report is read by
 * every municipality of the jurisdiction, so people appear by role and organization only: no name,
 * no e-mail, no user id. Attendees typed as free text are recognised among the team and the
 * observing municipalities' users by name and counted under that role; anyone else is counted as
 * `other`, without organization (a registered user outside the team and the observers, with theirs).
 */
import {
  type NodeKind,
  type ReportParticipantGroup,
  reportParticipantRoles,
  type ReportParticipantRole,
  type ReportTeamMember,
  type ReportTheme,
  type ReportTreeNode,
  type ReportVerification,
  type ReportVisit,
  teamRoles,
} from '@banso/shared';
import type * as record from './record.repository.js';

type VisitRow = Awaited<ReturnType<typeof record.loadVisits>>[number];
type AttendanceRow = Awaited<ReturnType<typeof record.loadAttendance>>[number];
type TeamRow = Awaited<ReturnType<typeof record.loadTeam>>[number];
type ObserverRow = Awaited<ReturnType<typeof record.loadObserverPeople>>[number];

const roleRank = new Map<ReportParticipantRole, number>(reportParticipantRoles.map((r, i) => [r, i]));
const teamRank = new Map<string, number>(teamRoles.map((r, i) => [r, i]));
const collator = new Intl.Collator('ja');

const organizationOfMember = (m: TeamRow) => m.organization?.trim() || m.municipalityName || null;

/** The support team by role, title and organization, in team-role order. */
export function teamOf(team: TeamRow[]): ReportTeamMember[] {
  return team
    .map((m) => ({ teamRole: m.teamRole, title: m.title?.trim() || m.userTitle?.trim() || null, organization: organizationOfMember(m) }))
    .sort(
      (a, b) =>
        (teamRank.get(a.teamRole) ?? 0) - (teamRank.get(b.teamRole) ?? 0) ||
        collator.compare(a.organization ?? '', b.organization ?? '') ||
        collator.compare(a.title ?? '', b.title ?? ''),
    );
}

/**
 * The visit log: each visit with its kind, date, status, purpose, observer summary and participants
 * counted by role and organization. Participants are the registrations not recorded absent and the
 * attendees typed on the visit (one person counted once).
 */
export function visitLog(visits: VisitRow[], attendance: AttendanceRow[], team: TeamRow[], observers: ObserverRow[]): ReportVisit[] {
  const memberById = new Map(team.map((m) => [m.userId, m]));
  const memberByName = new Map(team.map((m) => [m.name.trim(), m]));
  const observerById = new Map(observers.map((o) => [o.userId, o]));
  const observerByName = new Map(observers.map((o) => [o.name.trim(), o]));
  const attendanceByVisit = new Map<string, AttendanceRow[]>();
  for (const a of attendance) attendanceByVisit.set(a.visitId, [...(attendanceByVisit.get(a.visitId) ?? []), a]);

  return visits.map((v) => {
    const counted = new Set<string>();
    const groups = new Map<string, ReportParticipantGroup>();
    const add = (role: ReportParticipantRole, organization: string | null) => {
      const key = `${role}\u0000${organization ?? ''}`;
      const g = groups.get(key);
      if (g) g.count += 1;
      else groups.set(key, { role, organization, count: 1 });
    };
    for (const a of attendanceByVisit.get(v.id) ?? []) {
      if (a.status === 'absent' || counted.has(a.userId)) continue;
      counted.add(a.userId);
      const member = memberById.get(a.userId);
      const observer = observerById.get(a.userId);
      if (member) add(member.teamRole, organizationOfMember(member));
      else add(observer ? 'observer' : 'other', a.organizationName.trim() || observer?.municipalityName || null);
    }
    for (const raw of v.attendees) {
      const name = raw.trim();
      if (!name) continue;
      const member = memberByName.get(name);
      const observer = member ? undefined : observerByName.get(name);
      const userId = member?.userId ?? observer?.userId;
      if (userId && counted.has(userId)) continue;
      if (userId) counted.add(userId);
      if (member) add(member.teamRole, organizationOfMember(member));
      else if (observer) add('observer', observer.municipalityName);
      else add('other', null);
    }
    const participants = [...groups.values()].sort(
      (a, b) => (roleRank.get(a.role) ?? 0) - (roleRank.get(b.role) ?? 0) || collator.compare(a.organization ?? '', b.organization ?? ''),
    );
    return {
      seq: v.seq,
      kind: v.kind,
      date: v.date,
      ...(v.endDate && v.endDate !== v.date ? { endDate: v.endDate } : {}),
      ...(v.venue ? { venue: v.venue } : {}),
      status: v.status,
      agenda: v.agenda,
      summary: v.observerSummary,
      participants,
    };
  });
}

/** The kinds a theme may be, most specific first: the 課題 an action answers, else the outcome, else the goal. */
const themeKinds: NodeKind[] = ['issue', 'outcome', 'goal'];

/**
 * The themes of Before ⇒ After: for each selected action, the nearest 課題 above its measure (or the
 * nearest outcome, or the goal, when the branch has none), in tree order, each with the plans of
 * its actions in the order of facts.verification.
 */
export function themesOf(nodes: ReportTreeNode[], actions: { id: string; nodeId: string }[], plans: ReportVerification[]): ReportTheme[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const order = new Map(nodes.map((n, i) => [n.id, i]));
  const themeOfNode = (nodeId: string): ReportTreeNode | null => {
    const chain: ReportTreeNode[] = [];
    const seen = new Set<string>();
    for (let n = byId.get(nodeId); n && !seen.has(n.id); n = n.parentId ? byId.get(n.parentId) : undefined) {
      seen.add(n.id);
      chain.push(n);
    }
    for (const kind of themeKinds) {
      const found = chain.find((n) => n.kind === kind);
      if (found) return found;
    }
    return null;
  };
  const themes = new Map<string, ReportTheme>();
  const themeOfAction = new Map<string, string>();
  for (const a of actions) {
    const node = themeOfNode(a.nodeId);
    if (!node) continue;
    themeOfAction.set(a.id, node.id);
    if (!themes.has(node.id)) themes.set(node.id, { nodeId: node.id, kind: node.kind, title: node.title, planIds: [] });
  }
  for (const p of plans) {
    // A plan on a theme's own node (an issue or outcome) belongs to that theme.
    const themeId = p.actionId ? themeOfAction.get(p.actionId) : p.nodeId && themes.has(p.nodeId) ? p.nodeId : undefined;
    if (themeId) themes.get(themeId)!.planIds.push(p.planId);
  }
  return [...themes.values()].sort((a, b) => (order.get(a.nodeId) ?? 0) - (order.get(b.nodeId) ?? 0));
}
