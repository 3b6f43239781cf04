import { type Program, ProgramSchema, type UpdateProgramBody } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

export function updateProgram(program: Program, body: UpdateProgramBody): Promise<Program> {
  return api.patch(`/programs/${enc(program.id)}`, ProgramSchema, body, { ifMatch: program.version });
}

/** Edits a program (program office) with If-Match; the engagements show its plan period and windows. */
export function useUpdateProgram() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ program, body }: { program: Program; body: UpdateProgramBody }) => updateProgram(program, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.programs.list() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.engagements.list() });
    },
  });
}
