import {
  AdvisorCandidateListSchema,
  type Application,
  ApplicationListSchema,
  ApplicationSchema,
  type CreateApplicationBody,
  type CreateProgramBody,
  ProgramListSchema,
  ProgramSchema,
  type SelectApplicationBody,
  SelectionResultSchema,
  type UpdateApplicationBody,
} from '@banso/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

const enc = encodeURIComponent;

export const applicationKeys = {
  programs: () => ['applications', 'programs'] as const,
  list: (programId: string) => ['applications', programId] as const,
  candidates: (programId: string) => ['applications', programId, 'advisor-candidates'] as const,
};

export function usePrograms() {
  return useQuery(
    queryOptions({ queryKey: applicationKeys.programs(), queryFn: async ({ signal }) => (await api.get('/programs', ProgramListSchema, { signal })).items }),
  );
}

export function useApplications(programId: string) {
  return useQuery(
    queryOptions({
      queryKey: applicationKeys.list(programId),
      queryFn: ({ signal }) => api.get(`/programs/${enc(programId)}/applications`, ApplicationListSchema, { signal }),
    }),
  );
}

export function useAdvisorCandidates(programId: string, enabled: boolean) {
  return useQuery({
    queryKey: applicationKeys.candidates(programId),
    queryFn: async ({ signal }) => (await api.get(`/programs/${enc(programId)}/advisor-candidates`, AdvisorCandidateListSchema, { signal })).items,
    enabled,
  });
}

function useApplicationMutation<V, R>(programId: string, fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: applicationKeys.list(programId) }) });
}

export const useCreateApplication = (programId: string) =>
  useApplicationMutation(programId, (body: CreateApplicationBody) => api.post(`/programs/${enc(programId)}/applications`, ApplicationSchema, body));

export const useUpdateApplication = (programId: string) =>
  useApplicationMutation(programId, ({ application, body }: { application: Application; body: UpdateApplicationBody }) =>
    api.patch(`/programs/${enc(programId)}/applications/${enc(application.id)}`, ApplicationSchema, body, { ifMatch: application.version }),
  );

export const useSelectApplication = (programId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ application, body }: { application: Application; body: SelectApplicationBody }) =>
      api.post(`/programs/${enc(programId)}/applications/${enc(application.id)}/selection`, SelectionResultSchema, body, { ifMatch: application.version }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: applicationKeys.list(programId) });
      // The new engagement appears in the engagement list and the portfolio.
      void queryClient.invalidateQueries({ queryKey: ['engagements'] });
    },
  });
};

export const useDeclineApplication = (programId: string) =>
  useApplicationMutation(programId, (application: Application) =>
    api.post(`/programs/${enc(programId)}/applications/${enc(application.id)}/decline`, ApplicationSchema, undefined, { ifMatch: application.version }),
  );

/** Opens a (next) fiscal year's program (program office), so municipalities can apply to it. */
export function useCreateProgram() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProgramBody) => api.post('/programs', ProgramSchema, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: applicationKeys.programs() }),
  });
}
