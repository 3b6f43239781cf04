import {
  type ApproveObservationRequestBody,
  type AttendanceStatus,
  AttendanceListSchema,
  AttendanceSchema,
  type CreateObservationRequestBody,
  ObservableEngagementListSchema,
  ObservationRequestListSchema,
  ObservationRequestSchema,
} from '@banso/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';
import { enc, queryKeys } from '../keys';

/** 参加登録: who registered for a visit, and who attended (observers see the list by organization). */
export function useAttendance(engagementId: string, visitId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.attendance(engagementId, visitId),
    queryFn: async ({ signal }) =>
      (await api.get(`/engagements/${enc(engagementId)}/visits/${enc(visitId)}/attendance`, AttendanceListSchema, { signal })).items,
    enabled,
  });
}

/** Registers the caller for a visit still to come (`attend: true`) or withdraws (`attend: false`). */
export function useSetMyAttendance(engagementId: string, visitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (attend: boolean) => {
      if (attend) await api.put(`/engagements/${enc(engagementId)}/visits/${enc(visitId)}/attendance/mine`, AttendanceSchema, undefined);
      else await api.delete(`/engagements/${enc(engagementId)}/visits/${enc(visitId)}/attendance/mine`);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.attendance(engagementId, visitId) }),
  });
}

/** The team records whether a registered person attended, with If-Match. */
export function useRecordAttendance(engagementId: string, visitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ attendanceId, version, status }: { attendanceId: string; version: number; status: AttendanceStatus }) =>
      api.patch(
        `/engagements/${enc(engagementId)}/visits/${enc(visitId)}/attendance/${enc(attendanceId)}`,
        AttendanceSchema,
        { status },
        { ifMatch: version },
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.attendance(engagementId, visitId) }),
  });
}

/** Engagements the caller's municipality may ask to observe (傍聴申請). */
export function useObservableEngagements(enabled = true) {
  return useQuery({
    queryKey: queryKeys.observation.observable(),
    queryFn: async ({ signal }) => (await api.get('/me/observable-engagements', ObservableEngagementListSchema, { signal })).items,
    enabled,
  });
}

export function useCreateObservationRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateObservationRequestBody) => api.post('/observation-requests', ObservationRequestSchema, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.observation.all() }),
  });
}

/** The program office: a program's pending 傍聴申請. */
export function useObservationRequests(programId: string | null) {
  return useQuery({
    queryKey: queryKeys.observation.requests(programId ?? ''),
    queryFn: ({ signal }) =>
      api.get(`/programs/${enc(programId ?? '')}/observation-requests`, ObservationRequestListSchema, {
        signal,
        query: { status: 'pending' },
      }),
    enabled: programId !== null,
  });
}

/** Approves (creating the observer grant) or declines a request, with If-Match. */
export function useDecideObservationRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      engagementId,
      requestId,
      version,
      approve,
    }: {
      engagementId: string;
      requestId: string;
      version: number;
      approve: ApproveObservationRequestBody | null;
    }) => {
      return approve
        ? api.post(`/engagements/${enc(engagementId)}/observation-requests/${enc(requestId)}/approve`, ObservationRequestSchema, approve, {
            ifMatch: version,
          })
        : api.post(
            `/engagements/${enc(engagementId)}/observation-requests/${enc(requestId)}/decline`,
            ObservationRequestSchema,
            undefined,
            {
              ifMatch: version,
            },
          );
    },
    onSuccess: (_data, vars) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.observation.all() }),
        queryClient.invalidateQueries({ queryKey: engagementScope(vars.engagementId) }),
      ]),
  });
}
