import { type Tree, TreeSchema } from '@banso/shared';
import type { TreeOperation } from '@banso/shared/tree';
import { api } from '../../lib/api-client';
import { enc } from '../keys';

/**
 * POST /engagements/{id}/tree/operations with If-Match: "<revision>": applies a batch and answers
 * the saved tree. The editor's save loop (features/logic-tree) turns failures into its outcomes.
 */
export function postTreeOperations(engagementId: string, operations: TreeOperation[], revision: number): Promise<Tree> {
  return api.post(`/engagements/${enc(engagementId)}/tree/operations`, TreeSchema, { operations }, { ifMatch: revision });
}
