import { describe, expect, it } from 'vitest';
import { allowedTeamRoles, policyRoleOfTeamRole, programScheduleIssues, teamRoles } from '../src/index.js';

describe('team roles', () => {
  it('map the four advising roles to the advisor policy role and the municipal member to itself', () => {
    expect(teamRoles.map((r) => policyRoleOfTeamRole[r])).toEqual(['advisor', 'advisor', 'advisor', 'advisor', 'municipal_member']);
  });

  it('let staff of the supported municipality be members, other municipalities’ staff advise, everyone else take any advising role', () => {
    expect(allowedTeamRoles({ municipalityId: 'm1' }, 'm1')).toEqual(['municipal_member']);
    expect(allowedTeamRoles({ municipalityId: 'm2' }, 'm1')).toEqual(['lead_advisor', 'advisor']);
    expect(allowedTeamRoles({ municipalityId: null }, 'm1')).toEqual(['lead_advisor', 'advisor', 'organizer_staff', 'secretariat']);
  });
});

describe('programScheduleIssues', () => {
  const w = (seq: number, start: string, end: string) => ({ seq, start, end });
  it('accepts windows and a report meeting inside the fiscal year (April–March)', () => {
    expect(
      programScheduleIssues({
        fiscalYear: 2025,
        visitWindows: [w(1, '2025-04-01', '2025-06-30'), w(2, '2026-03-01', '2026-03-31')],
        reportMeeting: '2026-03-31',
      }),
    ).toEqual([]);
  });

  it('names each field outside the year, each end before its start and a repeated number', () => {
    const issues = programScheduleIssues({
      fiscalYear: 2025,
      visitWindows: [w(1, '2025-03-31', '2025-05-01'), w(2, '2025-09-01', '2025-08-01'), w(2, '2026-03-01', '2026-04-01')],
      reportMeeting: '2026-04-01',
    });
    expect(issues.map((i) => [i.path, i.rule])).toEqual([
      ['visitWindows.0.start', 'outside_fiscal_year'],
      ['visitWindows.1.end', 'end_before_start'],
      ['visitWindows.2.seq', 'duplicate_seq'],
      ['visitWindows.2.end', 'outside_fiscal_year'],
      ['reportMeeting', 'outside_fiscal_year'],
    ]);
  });
});
