import type { Report } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../keys';

/** Every report mutation answers with the report: cache it and refresh the list. */
export function useReportMutation<V>(engagementId: string, fn: (vars: V) => Promise<Report>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (report) => {
      queryClient.setQueryData(queryKeys.reports.detail(engagementId, report.id), report);
      void queryClient.invalidateQueries({ queryKey: queryKeys.reports.list(engagementId) });
    },
  });
}
