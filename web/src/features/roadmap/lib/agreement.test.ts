import type { Access } from '@banso/shared';
import { describe, expect, it } from 'vitest';
import { agreementSteps } from './agreement';

const as = (role: Access['role']): Access => ({ userId: 'u', role });

describe('agreementSteps', () => {
  it('offers the proposal to the team only, at actions_selected with nothing proposed', () => {
    expect(agreementSteps('actions_selected', 'none', as('advisor'))).toEqual(['propose']);
    expect(agreementSteps('actions_selected', 'none', as('municipal_member'))).toEqual([]);
    expect(agreementSteps('structuring', 'none', as('advisor'))).toEqual([]);
  });

  it('offers the agreement to the municipality once proposed, and the withdrawal to both', () => {
    expect(agreementSteps('actions_selected', 'proposed', as('municipal_member'))).toEqual(['agree', 'withdraw']);
    expect(agreementSteps('actions_selected', 'proposed', as('advisor'))).toEqual(['withdraw']);
  });

  it('lets either side withdraw an agreement before monitoring, nobody after', () => {
    expect(agreementSteps('roadmap_agreed', 'agreed', as('advisor'))).toEqual(['withdraw']);
    expect(agreementSteps('roadmap_agreed', 'agreed', as('municipal_member'))).toEqual(['withdraw']);
    expect(agreementSteps('monitoring', 'agreed', as('municipal_member'))).toEqual([]);
  });

  it('offers nothing to observers and the program office', () => {
    for (const role of ['observer', 'program_office'] as const) {
      expect(agreementSteps('actions_selected', 'proposed', as(role))).toEqual([]);
      expect(agreementSteps('roadmap_agreed', 'agreed', as(role))).toEqual([]);
    }
    expect(agreementSteps('actions_selected', 'none', null)).toEqual([]);
  });
});
