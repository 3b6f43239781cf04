import { type CreateProgramBody, type Program, ProgramSchema } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

export function createProgram(body: CreateProgramBody): Promise<Program> {
  return api.post('/programs', ProgramSchema, body);
}

/** Opens a (next) fiscal year's program (program office), so municipalities can apply to it. */
export function useCreateProgram() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProgram,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.programs.list() }),
  });
}
