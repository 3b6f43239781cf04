import type { Readiness } from '@banso/shared';
import { describe, expect, it } from 'vitest';
import { statusChoices } from './status-control';

const advisor = { userId: 'u1', role: 'advisor' as const };
const readiness = (ready: boolean): Readiness => ({
  status: 'actions_selected',
  nextStatuses: ['roadmap_agreed', 'structuring'],
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

  it('blocks roadmap_agreed with the reasons while the gate is not met', () => {
    const [agree, back] = statusChoices('actions_selected', advisor, readiness(false));
    expect(agree).toMatchObject({ status: 'roadmap_agreed', blocked: true });
    expect(agree?.missing[0]?.lacks).toEqual(['roadmap_item', 'plan.targetValue']);
    expect(back).toMatchObject({ status: 'structuring', blocked: false, missing: [] });
  });

  it('allows roadmap_agreed when ready (and while readiness is loading, the server still checks)', () => {
    expect(statusChoices('actions_selected', advisor, readiness(true))[0]).toMatchObject({ blocked: false });
    expect(statusChoices('actions_selected', advisor, undefined)[0]).toMatchObject({ blocked: false });
  });

  it('offers nothing to roles that may not move the engagement, nor from closed', () => {
    for (const role of ['municipal_member', 'observer'] as const)
      expect(statusChoices('actions_selected', { userId: 'u', role }, readiness(true))).toEqual([]);
    expect(statusChoices('actions_selected', { userId: 'u', role: 'program_office' }, null)).toHaveLength(2);
    expect(statusChoices('closed', advisor, null)).toEqual([]);
    expect(statusChoices('actions_selected', null, null)).toEqual([]);
  });
});
