import { type Application, type SelectApplicationBody, type SelectionResult, SelectionResultSchema } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

export function selectApplication(programId: string, application: Application, body: SelectApplicationBody): Promise<SelectionResult> {
  return api.post(`/programs/${enc(programId)}/applications/${enc(application.id)}/selection`, SelectionResultSchema, body, {
    ifMatch: application.version,
  });
}

export function useSelectApplication(programId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ application, body }: { application: Application; body: SelectApplicationBody }) =>
      selectApplication(programId, application, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.programs.applications(programId) });
      // The new engagement appears in the engagement list and the portfolio.
      void queryClient.invalidateQueries({ queryKey: queryKeys.engagements.list() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.portfolio.all });
    },
  });
}
