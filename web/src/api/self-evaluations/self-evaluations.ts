/**
 * 「取組と目標」 self-evaluation sheet: the list of a fiscal year, its writes (PATCH and DELETE with
 * If-Match) and the address of its Excel file. Every write refreshes the engagement's queries.
 */
import {
  type CreateSelfEvaluationInput,
  type LabelLocale,
  type SelfEvaluationItem,
  SelfEvaluationItemSchema,
  type SelfEvaluationList,
  SelfEvaluationListSchema,
  type UpdateSelfEvaluationBody,
} from '@banso/shared';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, urlOf } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';
import { enc, queryKeys } from '../keys';

/** The sheet of one fiscal year; `null` asks for the server's default (the current fiscal year in the plan period). */
export function getSelfEvaluations(engagementId: string, fiscalYear: number | null, signal?: AbortSignal): Promise<SelfEvaluationList> {
  return api.get(`/engagements/${enc(engagementId)}/self-evaluations`, SelfEvaluationListSchema, {
    signal,
    query: { fiscalYear: fiscalYear ?? undefined },
  });
}

export const selfEvaluationsQueryOptions = (engagementId: string, fiscalYear: number | null) =>
  queryOptions({
    queryKey: queryKeys.selfEvaluations(engagementId, fiscalYear),
    queryFn: ({ signal }) => getSelfEvaluations(engagementId, fiscalYear, signal),
  });

export function useSelfEvaluations(engagementId: string, fiscalYear: number | null) {
  return useQuery({ ...selfEvaluationsQueryOptions(engagementId, fiscalYear), placeholderData: keepPreviousData });
}

/** The printable xlsx of one fiscal year, in the reader's language (a plain link: the session cookie goes along). */
export const selfEvaluationWorkbookUrl = (engagementId: string, fiscalYear: number, locale: LabelLocale) =>
  urlOf(`/engagements/${enc(engagementId)}/self-evaluations.xlsx`, { fiscalYear, locale });

function useInvalidate(engagementId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) });
}

export function createSelfEvaluation(engagementId: string, body: CreateSelfEvaluationInput): Promise<SelfEvaluationItem> {
  return api.post(`/engagements/${enc(engagementId)}/self-evaluations`, SelfEvaluationItemSchema, body);
}

export function useCreateSelfEvaluation(engagementId: string) {
  const invalidate = useInvalidate(engagementId);
  return useMutation({ mutationFn: (body: CreateSelfEvaluationInput) => createSelfEvaluation(engagementId, body), onSuccess: invalidate });
}

export interface UpdateSelfEvaluationInput {
  itemId: string;
  /** The version the form was opened on: a newer one on the server answers 412. */
  version: number;
  body: UpdateSelfEvaluationBody;
}

export function updateSelfEvaluation(
  engagementId: string,
  { itemId, version, body }: UpdateSelfEvaluationInput,
): Promise<SelfEvaluationItem> {
  return api.patch(`/engagements/${enc(engagementId)}/self-evaluations/${enc(itemId)}`, SelfEvaluationItemSchema, body, {
    ifMatch: version,
  });
}

export function useUpdateSelfEvaluation(engagementId: string) {
  const invalidate = useInvalidate(engagementId);
  return useMutation({
    mutationFn: (input: UpdateSelfEvaluationInput) => updateSelfEvaluation(engagementId, input),
    onSuccess: invalidate,
  });
}

export function deleteSelfEvaluation(engagementId: string, { itemId, version }: { itemId: string; version: number }): Promise<void> {
  return api.delete(`/engagements/${enc(engagementId)}/self-evaluations/${enc(itemId)}`, { ifMatch: version });
}

export function useDeleteSelfEvaluation(engagementId: string) {
  const invalidate = useInvalidate(engagementId);
  return useMutation({
    mutationFn: (input: { itemId: string; version: number }) => deleteSelfEvaluation(engagementId, input),
    onSuccess: invalidate,
  });
}

export function reorderSelfEvaluations(engagementId: string, fiscalYear: number, itemIds: string[]): Promise<SelfEvaluationList> {
  return api.put(`/engagements/${enc(engagementId)}/self-evaluations/order`, SelfEvaluationListSchema, { fiscalYear, itemIds });
}

export function useReorderSelfEvaluations(engagementId: string) {
  const invalidate = useInvalidate(engagementId);
  return useMutation({
    mutationFn: ({ fiscalYear, itemIds }: { fiscalYear: number; itemIds: string[] }) =>
      reorderSelfEvaluations(engagementId, fiscalYear, itemIds),
    onSuccess: invalidate,
  });
}
