import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../keys';

/** An application write refreshes the program's applications (and its advisor candidates). */
export function useApplicationMutation<V, R>(programId: string, fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.programs.applications(programId) }),
  });
}
