import { type Homework, HomeworkSchema } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';

export interface CreateHomeworkInput {
  visitId?: string | null;
  text: string;
  assigneeUserId?: string | null;
  assigneeName?: string;
  due?: string | null;
}

export function createHomework(engagementId: string, body: CreateHomeworkInput): Promise<Homework> {
  return api.post(`/engagements/${encodeURIComponent(engagementId)}/homework`, HomeworkSchema, body);
}

export function useCreateHomework(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateHomeworkInput) => createHomework(engagementId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}
