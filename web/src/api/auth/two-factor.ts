import {
  OkSchema,
  RecoveryCodesSchema,
  type TotpDisableBody,
  TotpEnrolmentSchema,
  TwoFactorRequirementSchema,
  UserSummarySchema,
} from '@banso/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** Two-factor sign-in (TOTP) of the signed-in user, and the program office's requirement. */

/** A new secret (QR code, otpauth URI, grouped secret); not in force until confirmed with a code. */
export const startTotpEnrolment = () => api.post('/auth/totp/enrolment', TotpEnrolmentSchema, undefined);
export const confirmTotpEnrolment = (code: string) => api.post('/auth/totp/enrolment/confirm', RecoveryCodesSchema, { code });
export const renewRecoveryCodes = (code: string) => api.post('/auth/totp/recovery-codes', RecoveryCodesSchema, { code });
export const disableTotp = (body: TotpDisableBody) => api.post('/auth/totp/disable', OkSchema, body);

/** After a change, /auth/me says what is on (and whether the rest of the app is open again). */
function useRefreshMe() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.auth.me() });
}

export const useStartTotpEnrolment = () => useMutation({ mutationFn: startTotpEnrolment });

export function useConfirmTotpEnrolment() {
  const refresh = useRefreshMe();
  return useMutation({ mutationFn: confirmTotpEnrolment, onSuccess: () => void refresh() });
}

export function useRenewRecoveryCodes() {
  const refresh = useRefreshMe();
  return useMutation({ mutationFn: renewRecoveryCodes, onSuccess: () => void refresh() });
}

export function useDisableTotp() {
  const refresh = useRefreshMe();
  return useMutation({ mutationFn: disableTotp, onSuccess: () => void refresh() });
}

export const getTwoFactorRequirement = (signal?: AbortSignal) =>
  api.get('/users/two-factor-requirement', TwoFactorRequirementSchema, { signal });

export const twoFactorRequirementQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.users.twoFactorRequirement(), queryFn: ({ signal }) => getTwoFactorRequirement(signal) });

/** Only the program office may read it: `enabled` false for anyone else. */
export const useTwoFactorRequirement = (enabled: boolean) => useQuery({ ...twoFactorRequirementQueryOptions(), enabled });

export const setTwoFactorRequirement = ({ required, version }: { required: boolean; version: number }) =>
  api.put('/users/two-factor-requirement', TwoFactorRequirementSchema, { required }, { ifMatch: version });

export function useSetTwoFactorRequirement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setTwoFactorRequirement,
    onSuccess: (requirement) => queryClient.setQueryData(queryKeys.users.twoFactorRequirement(), requirement),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.auth.me() }),
  });
}

/** Turns someone's two-factor off (lost phone and recovery codes), with their version as If-Match. */
export const resetTwoFactor = ({ userId, version }: { userId: string; version: number }) =>
  api.post(`/users/${enc(userId)}/two-factor/reset`, UserSummarySchema, undefined, { ifMatch: version });

export function useResetTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetTwoFactor,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.users.all() }),
  });
}
