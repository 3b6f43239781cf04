import type { Readiness } from '@banso/shared';
import { describe, expect, it } from 'vitest';
import { statusChoices } from './status-control';

const advisor = { userId: 'u1', role: 'advisor' as const };
const readiness = (ready: boolean): Readiness => ({
  status: 'actions_selected',
  nextStatuses: ['structuring'],
  ready,
  missing: ready ? [] : [{ actionId: 'a1', title: '認知症カフェ', lacks: ['roadmap_item', 'plan.targetValue'] }],
  version: 4,
});

describe('statusChoices', () => {
  it('offers the next statuses of the workflow, forward first', () => {
    expect(statusChoices('hearing', advisor, null).map((c) => [c.status, c.direction])).toEqual([
      ['structuring', 'forward'],
      ['selected', 'back'],
    ]);
  });

  it('does not offer roadmap_agreed from actions_selected: the team proposes and the municipality agrees on the roadmap', () => {
    expect(statusChoices('actions_selected', advisor, readiness(true)).map((c) => c.status)).toEqual(['structuring']);
  });

  it('blocks the step back to roadmap_agreed with the reasons while the gate is not met', () => {
    const [forward, back] = statusChoices('monitoring', advisor, readiness(false));
    expect(forward).toMatchObject({ status: 'reported', blocked: false });
    expect(back).toMatchObject({ status: 'roadmap_agreed', blocked: true });
    expect(back?.missing[0]?.lacks).toEqual(['roadmap_item', 'plan.targetValue']);
    expect(statusChoices('monitoring', advisor, undefined)[1]).toMatchObject({ blocked: false });
  });

  it('offers nothing to roles that may not move the engagement, nor from closed', () => {
    for (const role of ['municipal_member', 'observer'] as const)
      expect(statusChoices('actions_selected', { userId: 'u', role }, readiness(true))).toEqual([]);
    expect(statusChoices('actions_selected', { userId: 'u', role: 'program_office' }, null)).toHaveLength(1);
    expect(statusChoices('closed', advisor, null)).toEqual([]);
    expect(statusChoices('actions_selected', null, null)).toEqual([]);
  });
});
