import type { ChangePasswordBody } from '@banso/shared';
import { useMutation } from '@tanstack/react-query';
import { apiSend } from '../../lib/api-client';

/** Changes one's own password; the server revokes every other session. */
export const changePassword = (body: ChangePasswordBody) => apiSend('/auth/password', { method: 'POST', body });

export const useChangePassword = () => useMutation({ mutationFn: changePassword });
