import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend, setCsrfToken } from '../../lib/api-client';
import { isApiError } from '../../lib/api-error';
import { queryKeys } from '../keys';

export async function logout(): Promise<void> {
  try {
    await apiSend('/auth/logout', { method: 'POST', body: {} });
  } catch (error) {
    // Already signed out (401) is as good as signed out.
    if (!(isApiError(error) && error.status === 401)) throw error;
  }
  setCsrfToken(null);
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSuccess: () => {
      queryClient.clear();
      queryClient.setQueryData(queryKeys.auth.me(), null);
    },
  });
}
