import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

export const sendReset = (userId: string) =>
  api.post(`/users/${enc(userId)}/reset`, z.object({ expiresAt: z.string(), mailId: z.string() }), undefined);

export function useSendReset() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: sendReset, onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.mail.all() }) });
}
