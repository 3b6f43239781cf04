import { describe, expect, it } from 'vitest';
import { engagementRoles } from '../src/domain.js';
import {
  can,
  type PolicyAction,
  policyTable,
  programActions,
  readableFindingVisibilities,
  writableFindingVisibilities,
} from '../src/policy.js';

const as = (role: (typeof engagementRoles)[number], userId = 'u1') => ({ userId, role });
const allowed = (action: PolicyAction) => engagementRoles.filter((r) => can(as(r), action, { assigneeUserId: 'u1' }));

describe('policy table', () => {
  it('denies everything without a role', () => {
    for (const action of Object.keys(policyTable) as PolicyAction[]) expect(can(null, action)).toBe(false);
  });

  it('never lets an observer write, but ask a question and register to attend a visit (DESIGN §1)', () => {
    const writes = (Object.keys(policyTable) as PolicyAction[]).filter(
      (a) =>
        !/\.read$/.test(a) &&
        a !== 'measurement.comment.read' &&
        a !== 'comment.question' &&
        a !== 'visit.attend' &&
        a !== 'program_event.register',
    );
    for (const action of writes) expect(can(as('observer'), action, { assigneeUserId: 'u1' })).toBe(false);
    expect(can(as('observer'), 'comment.question')).toBe(true);
    expect(can(as('observer'), 'comment.create')).toBe(false);
    // Registering to attend is the observer's own attendance, not a change to the engagement.
    expect(can(as('observer'), 'visit.attend')).toBe(true);
    expect(can(as('observer'), 'visit.attendance.record')).toBe(false);
    // …and so is registering for a program event (参加登録); recording attendance is the office's.
    expect(can(as('observer'), 'program_event.register')).toBe(true);
    expect(can(as('observer'), 'program_event.attendance.record')).toBe(false);
  });

  it('lets only the author edit a comment; an observer resolves only its own question', () => {
    for (const role of engagementRoles) {
      expect(can(as(role), 'comment.edit', { authorUserId: 'u1' })).toBe(true);
      expect(can(as(role), 'comment.edit', { authorUserId: 'u2' })).toBe(false);
    }
    expect(can(as('observer'), 'comment.resolve', { authorUserId: 'u1' })).toBe(true);
    expect(can(as('observer'), 'comment.resolve', { authorUserId: 'u2' })).toBe(false);
    expect(can(as('municipal_member'), 'comment.resolve', { authorUserId: 'u2' })).toBe(true);
    expect(allowed('comment.create')).toEqual(['program_office', 'advisor', 'municipal_member']);
  });

  it('grants the workflow permissions of the issue', () => {
    expect(allowed('engagement.create')).toEqual(['program_office']);
    expect(allowed('engagement.continue')).toEqual(['program_office']);
    expect(allowed('engagement.status')).toEqual(['program_office', 'advisor']);
    expect(allowed('engagement.readiness')).toEqual(['program_office', 'advisor', 'municipal_member']);
    expect(allowed('team.manage')).toEqual(['program_office']);
    expect(allowed('observer.manage')).toEqual(['program_office']);
    expect(allowed('visit.read')).toEqual(['program_office', 'advisor', 'municipal_member', 'observer']);
    expect(allowed('minutes.read')).toEqual(['program_office', 'advisor', 'municipal_member']);
    expect(allowed('visit.write')).toEqual(['advisor']);
    expect(allowed('finding.write')).toEqual(['advisor', 'municipal_member']);
    expect(allowed('minutes.approve')).toEqual(['advisor', 'municipal_member']);
    expect(allowed('homework.read')).toEqual(['program_office', 'advisor', 'municipal_member']);
    expect(allowed('homework.write')).toEqual(['advisor']);
    expect(allowed('indicator.read')).toEqual(['program_office', 'advisor', 'municipal_member', 'observer']);
    expect(allowed('pdca.read')).toEqual(['program_office', 'advisor', 'municipal_member']);
    expect(allowed('pdca.self')).toEqual(['municipal_member']);
    expect(allowed('pdca.comment')).toEqual(['advisor']);
    expect(allowed('audit.read')).toEqual(['program_office', 'advisor']);
  });

  it('lets the municipality co-own the plan, and agree the roadmap the team proposes', () => {
    for (const action of ['tree.edit', 'action.write', 'roadmap.write'] as const)
      expect(allowed(action)).toEqual(['advisor', 'municipal_member']);
    expect(allowed('roadmap.propose')).toEqual(['advisor']);
    expect(allowed('roadmap.agree')).toEqual(['municipal_member']);
    expect(allowed('roadmap.withdraw')).toEqual(['advisor', 'municipal_member']);
  });

  it('lets the municipality, the advisors and the office write the self-evaluation sheet, and every reader of the plan read it', () => {
    expect(allowed('self_evaluation.write')).toEqual(['program_office', 'advisor', 'municipal_member']);
    expect(allowed('self_evaluation.read')).toEqual(allowed('action.read'));
  });

  it('lets a municipal member complete only homework assigned to them', () => {
    expect(can(as('municipal_member', 'u1'), 'homework.complete', { assigneeUserId: 'u1' })).toBe(true);
    expect(can(as('municipal_member', 'u1'), 'homework.complete', { assigneeUserId: 'u2' })).toBe(false);
    expect(can(as('municipal_member', 'u1'), 'homework.complete', { assigneeUserId: null })).toBe(false);
    expect(can(as('municipal_member', 'u1'), 'homework.complete')).toBe(false);
    expect(can(as('advisor', 'u1'), 'homework.complete', { assigneeUserId: 'u2' })).toBe(true);
    expect(can(as('program_office'), 'homework.complete', { assigneeUserId: 'u1' })).toBe(false);
  });
});

describe('writableFindingVisibilities', () => {
  it('keeps municipal members off team-only findings', () => {
    expect(writableFindingVisibilities('municipal_member')).toEqual(['municipality', 'observers']);
    expect(writableFindingVisibilities('advisor')).toEqual(['team', 'municipality', 'observers']);
  });
});

describe('readableFindingVisibilities', () => {
  it('keeps team-only findings within the team and the office', () => {
    expect(readableFindingVisibilities('advisor')).toEqual(['team', 'municipality', 'observers']);
    expect(readableFindingVisibilities('program_office')).toEqual(['team', 'municipality', 'observers']);
    expect(readableFindingVisibilities('municipal_member')).toEqual(['municipality', 'observers']);
    expect(readableFindingVisibilities('observer')).toEqual(['observers']);
  });
});

describe('program-level actions', () => {
  it('belong to the program office alone', () => {
    for (const action of programActions) expect(allowed(action)).toEqual(['program_office']);
  });

  it('name creating a program and reading the portfolio apart from creating an engagement', () => {
    expect(programActions).toEqual(expect.arrayContaining(['program.create', 'portfolio.read', 'engagement.create']));
    expect(new Set(programActions).size).toBe(programActions.length);
    for (const action of programActions) expect(policyTable[action]).toBeDefined();
  });

  it('deny without a role in the program', () => {
    for (const action of programActions) expect(can(null, action)).toBe(false);
  });
});
