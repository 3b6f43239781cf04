/**
 * The one policy table. The server calls `can` on every engagement-scoped request after
 * resolving the actor's role for that engagement; the web calls it only to hide controls.
 */
import type { EngagementRole, FindingVisibility } from './domain.js';

export type PolicyAction =
  | 'engagement.read'
  | 'engagement.create'
  // ── program level: resolved by authorizeProgram against the program, not an engagement ──
  | 'program.create'
  | 'program.update'
  | 'portfolio.read'
  | 'engagement.vision'
  | 'engagement.status'
  | 'engagement.continue'
  | 'engagement.readiness'
  | 'team.read'
  | 'team.manage'
  | 'observer.read'
  | 'observer.manage'
  | 'tree.read'
  | 'tree.edit'
  | 'visit.read'
  | 'visit.write'
  | 'minutes.read'
  | 'minutes.approve'
  | 'finding.write'
  | 'homework.read'
  | 'homework.write'
  | 'homework.complete'
  | 'indicator.read'
  | 'indicator.write'
  | 'action.read'
  | 'action.write'
  | 'roadmap.read'
  | 'roadmap.write'
  | 'roadmap.propose'
  | 'roadmap.agree'
  | 'roadmap.withdraw'
  | 'milestone.complete'
  | 'measurement.write'
  | 'measurement.comment.read'
  | 'pdca.read'
  | 'pdca.self'
  | 'pdca.comment'
  | 'audit.read'
  | 'report.read'
  | 'report.edit'
  | 'report.publish'
  | 'export.read'
  | 'library.read'
  | 'application.review'
  | 'application.select'
  // ── issue 13: mail and municipality master (program office only) ──
  | 'mail.outbox.read'
  | 'municipality.import'
  | 'user.manage'
  // ── issue 13: organizers, jurisdiction, insurers, public links ──
  | 'organizer.manage'
  | 'report.share'
  // ── issue 15: comment threads and observers' questions ──
  | 'comment.read'
  | 'comment.create'
  | 'comment.question'
  | 'comment.edit'
  | 'comment.resolve'
  // ── issue 15: observers who attend ──
  | 'visit.attend'
  | 'visit.attendance.read'
  | 'visit.attendance.record'
  | 'observation.review'
  // ── issue h7: regional analysis ──
  | 'indicator.import'
  | 'indicator.catalogue'
  | 'grant.import'
  | 'analysis.read'
  // ── 横展開 part 4: attachments and reference materials ──
  | 'visit.materials'
  | 'reference.manage'
  // ── issue 17.4: the 「取組と目標」 self-evaluation sheet ──
  | 'self_evaluation.read'
  | 'self_evaluation.write'
  // ── issue 16.1: program events (報告会, 合同ヒアリング, 先進地視察, 研修・情報交換会) ──
  | 'program_event.read'
  | 'program_event.register'
  | 'program_event.manage'
  | 'program_event.attendance.record';

const PO = 'program_office' as const;
const AD = 'advisor' as const;
const MM = 'municipal_member' as const;
const OB = 'observer' as const;

/** Who may do what, per role in the engagement (program office holds its role in every engagement of its program). */
export const policyTable: Record<PolicyAction, readonly EngagementRole[]> = {
  'engagement.read': [PO, AD, MM, OB],
  /** Program level: open an engagement in the program (the office of the program's organizer). */
  'engagement.create': [PO],
  /** Program level: open a program (the next fiscal year's); it inherits the office's organizer. */
  'program.create': [PO],
  /** Program level: edit a program's name, plan period, visit windows and report meeting. */
  'program.update': [PO],
  /** Program level: the portfolio of every engagement of the program. */
  'portfolio.read': [PO],
  /** Theme and 目指す姿 (PATCH /engagements/{id}): the office, and the team after the hearing. */
  'engagement.vision': [PO, AD],
  'engagement.status': [PO, AD],
  'engagement.continue': [PO],
  /** What blocks roadmap_agreed: the team and the municipality, not observers. */
  'engagement.readiness': [PO, AD, MM],
  'team.read': [PO, AD, MM],
  'team.manage': [PO],
  'observer.read': [PO, AD, MM],
  'observer.manage': [PO],
  'tree.read': [PO, AD, MM, OB],
  /** Co-ownership (issue 13 item 7): the municipality edits its plan alongside the advisors. */
  'tree.edit': [AD, MM],
  'visit.read': [PO, AD, MM, OB],
  'visit.write': [AD],
  'minutes.read': [PO, AD, MM],
  /** 議事録承認: moving a held visit to minutes_approved (and back); advisors also hold visit.write. */
  'minutes.approve': [AD, MM],
  /** Municipal members write findings of visibility `municipality` or `observers` only (writableFindingVisibilities). */
  'finding.write': [AD, MM],
  'homework.read': [PO, AD, MM],
  'homework.write': [AD],
  'homework.complete': [AD, MM],
  'indicator.read': [PO, AD, MM, OB],
  'indicator.write': [PO, AD],
  'action.read': [PO, AD, MM, OB],
  'action.write': [AD, MM],
  'roadmap.read': [PO, AD, MM, OB],
  'roadmap.write': [AD, MM],
  /** ロードマップ合意, two parties: the team proposes, the municipality agrees (see roadmapAgreementState); either withdraws before monitoring. */
  'roadmap.propose': [AD],
  'roadmap.agree': [MM],
  'roadmap.withdraw': [AD, MM],
  'milestone.complete': [AD, MM],
  'measurement.write': [AD, MM],
  'measurement.comment.read': [PO, AD, MM],
  'pdca.read': [PO, AD, MM],
  /** The municipality's own self-evaluation of the year (自己評価): its members write it. */
  'pdca.self': [MM],
  /** The advisors' comment on the year, beside the self-evaluation. */
  'pdca.comment': [AD],
  'audit.read': [PO, AD],
  'report.read': [PO, AD, MM],
  'report.edit': [AD],
  'report.publish': [PO],
  'export.read': [PO, AD, MM],
  /** The case library (事例ライブラリ): published reports, for everyone connected to the program's organizer. */
  'library.read': [PO, AD, MM, OB],
  /** Applications to a program (希望制): the program office reviews them and selects. */
  'application.review': [PO],
  'application.select': [PO],
  // ── issue 13: mail and municipality master ──
  /** The outbox of e-mails (invitations, resets): what the office reads when no SMTP is configured. */
  'mail.outbox.read': [PO],
  /** Importing the municipality master (全国地方公共団体コード list). */
  'municipality.import': [PO],
  /** Accounts: invite, list, deactivate / reactivate, send a reset link. */
  'user.manage': [PO],
  /** The organizer's own record, its jurisdiction (municipalities served) and the insurers that are not municipalities. */
  'organizer.manage': [PO],
  /** Public read-only links to a published report (create, list, revoke). */
  'report.share': [PO],
  // ── issue 15: comment threads ──
  /** Threads whose visibility the role reads (readableFindingVisibilities): observers only `observers` ones. */
  'comment.read': [PO, AD, MM, OB],
  /** Comments of any kind in threads the role may write (writableFindingVisibilities: municipal members never `team`). */
  'comment.create': [PO, AD, MM],
  /** 質問: a question visible to observers, or a reply in such a question thread — what observers may write. */
  'comment.question': [PO, AD, MM, OB],
  /** Editing or deleting a comment: its author only (resource.authorUserId). */
  'comment.edit': [PO, AD, MM, OB],
  /** Resolving or reopening a thread: the team and the municipality; an observer only their own question (resource.authorUserId). */
  'comment.resolve': [PO, AD, MM, OB],
  // ── issue 15: observers who attend ──
  /** 参加登録: register oneself for a future visit, or withdraw (observers and the municipality's staff). */
  'visit.attend': [MM, OB],
  /** The attendance list of a visit (observers see who comes, by organization). */
  'visit.attendance.read': [PO, AD, MM, OB],
  /** Recording who actually attended (出席 / 欠席): the team. */
  'visit.attendance.record': [PO, AD],
  /** Program level: the office lists the 傍聴申請 of its programs (deciding one takes observer.manage on the engagement). */
  'observation.review': [PO],
  /** The indicator catalogue's figures (municipalities, 全国, prefectures) and the 交付金 scores: the program office imports them, or enters one. */
  'indicator.import': [PO],
  /** The indicator catalogue itself (code, name, unit, direction, level, kind of figure, period, range): the program office keeps it. */
  'indicator.catalogue': [PO],
  /** The 交付金 scores (both grants, per evaluation area, with the national and prefectural averages): the program office imports them for its jurisdiction. */
  'grant.import': [PO],
  /** 地域分析 of an engagement: its municipality beside 全国, the prefecture, similar municipalities and neighbours. */
  'analysis.read': [PO, AD, MM, OB],
  // ── 横展開 part 4: attachments and reference materials ──
  /** 事前資料: files on a visit (posted ahead of it), by the team and the municipality; readers of the visit read them (observers only shareable ones). */
  'visit.materials': [AD, MM],
  /** Program level: the program's reference materials (参考資料: 手引き, good practices), read by everyone tied to its organizer. */
  'reference.manage': [PO],
  // ── issue 17.4: the 「取組と目標」 self-evaluation sheet ──
  /** The sheet and its Excel file: read like the actions and the roadmap it reports on (observers too, as plan data of the process scope). */
  'self_evaluation.read': [PO, AD, MM, OB],
  /** Writing it (add, edit, mark, reorder, delete): the municipality with the advisors and the program office of the engagement. */
  'self_evaluation.write': [PO, AD, MM],
  // ── issue 16.1: program events ──
  /** An event of the program, its agenda, materials, minutes and meeting pack: everyone tied to the program's organizer (as the case library), checked per program (connectedToProgram). */
  'program_event.read': [PO, AD, MM, OB],
  /** 参加登録: register oneself for an event not yet over, or withdraw — the same readers. */
  'program_event.register': [PO, AD, MM, OB],
  /** Program level: create, edit (If-Match; the 議事録 too), delete an event and post its materials. */
  'program_event.manage': [PO],
  /** Program level: record who attended (出席 / 欠席). */
  'program_event.attendance.record': [PO],
};

/**
 * Actions checked per program (authorizeProgram): the only program-level role is the program
 * office of the program's organizer, so the table answers [PO] or nothing for them.
 */
export const programActions = [
  'program.create',
  'program.update',
  'portfolio.read',
  'engagement.create',
  'application.review',
  'application.select',
  'mail.outbox.read',
  'municipality.import',
  'user.manage',
  'organizer.manage',
  'observation.review',
  'indicator.import',
  'indicator.catalogue',
  'grant.import',
  'reference.manage',
  'program_event.manage',
  'program_event.attendance.record',
] as const satisfies readonly PolicyAction[];
export type ProgramAction = (typeof programActions)[number];

export interface Access {
  userId: string;
  role: EngagementRole;
}

/** Extra facts about the resource that some rules need (e.g. homework: only the assignee among municipal staff). */
export interface PolicyResource {
  assigneeUserId?: string | null;
  /** The author of a comment (comment.edit; comment.resolve for observers). */
  authorUserId?: string | null;
}

export function can(access: Access | null, action: PolicyAction, resource: PolicyResource = {}): boolean {
  if (!access) return false;
  if (!policyTable[action].includes(access.role)) return false;
  if (action === 'homework.complete' && access.role === 'municipal_member') return resource.assigneeUserId === access.userId;
  if (action === 'comment.edit') return resource.authorUserId === access.userId;
  if (action === 'comment.resolve' && access.role === 'observer') return resource.authorUserId === access.userId;
  return true;
}

/** Which finding visibilities a role may write (create, edit to, edit or delete): municipal members never touch `team` findings. */
export function writableFindingVisibilities(role: EngagementRole): readonly FindingVisibility[] {
  return role === 'municipal_member' ? ['municipality', 'observers'] : readableFindingVisibilities(role);
}

/** Which finding visibilities a role may read. */
export function readableFindingVisibilities(role: EngagementRole): readonly FindingVisibility[] {
  switch (role) {
    case 'program_office':
    case 'advisor':
      return ['team', 'municipality', 'observers'];
    case 'municipal_member':
      return ['municipality', 'observers'];
    case 'observer':
      return ['observers'];
  }
}
