import {
  type AttendanceStatus,
  AttachmentSchema,
  type CreateProgramEventBody,
  type ProgramEvent,
  ProgramEventAttendanceListSchema,
  ProgramEventAttendanceSchema,
  ProgramEventListSchema,
  ProgramEventSchema,
  type UpdateProgramEventBody,
} from '@banso/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc } from '../keys';

const keys = {
  all: (programId: string) => ['program-events', programId] as const,
  list: (programId: string) => [...keys.all(programId), 'list'] as const,
  one: (programId: string, eventId: string) => [...keys.all(programId), 'event', eventId] as const,
  attendance: (programId: string, eventId: string) => [...keys.all(programId), 'attendance', eventId] as const,
};

/** The program's events by first day (the first 100: a program has a handful a year). */
export function useProgramEvents(programId: string) {
  return useQuery({
    queryKey: keys.list(programId),
    queryFn: async ({ signal }) =>
      (await api.get(`/programs/${enc(programId)}/events?limit=100`, ProgramEventListSchema, { signal })).items,
  });
}

export function useProgramEvent(programId: string, eventId: string) {
  return useQuery({
    queryKey: keys.one(programId, eventId),
    queryFn: ({ signal }) => api.get(`/programs/${enc(programId)}/events/${enc(eventId)}`, ProgramEventSchema, { signal }),
  });
}

export function useCreateProgramEvent(programId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProgramEventBody) => api.post(`/programs/${enc(programId)}/events`, ProgramEventSchema, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all(programId) }),
  });
}

/** Edits an event (the office), with If-Match. */
export function useUpdateProgramEvent(programId: string, eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: UpdateProgramEventBody }) =>
      api.patch(`/programs/${enc(programId)}/events/${enc(eventId)}`, ProgramEventSchema, body, { ifMatch: version }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.all(programId) }),
  });
}

export function useDeleteProgramEvent(programId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (event: ProgramEvent) => api.delete(`/programs/${enc(programId)}/events/${enc(event.id)}`, { ifMatch: event.version }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.list(programId) }),
  });
}

/** 参加登録 (`true`) or withdrawing (`false`) for oneself. */
export function useRegisterForEvent(programId: string, eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (register: boolean) => {
      if (register)
        await api.put(`/programs/${enc(programId)}/events/${enc(eventId)}/registration`, ProgramEventAttendanceSchema, undefined);
      else await api.delete(`/programs/${enc(programId)}/events/${enc(eventId)}/registration`);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.all(programId) }),
  });
}

export function useEventAttendance(programId: string, eventId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.attendance(programId, eventId),
    queryFn: async ({ signal }) =>
      (await api.get(`/programs/${enc(programId)}/events/${enc(eventId)}/attendance`, ProgramEventAttendanceListSchema, { signal })).items,
    enabled,
  });
}

export function useRecordEventAttendance(programId: string, eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, status }: { id: string; version: number; status: AttendanceStatus }) =>
      api.patch(
        `/programs/${enc(programId)}/events/${enc(eventId)}/attendance/${enc(id)}`,
        ProgramEventAttendanceSchema,
        { status },
        { ifMatch: version },
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.attendance(programId, eventId) }),
  });
}

export function useUploadEventMaterial(programId: string, eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload(`/programs/${enc(programId)}/events/${enc(eventId)}/materials`, AttachmentSchema, { data: form });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.one(programId, eventId) }),
  });
}

export function useDeleteEventMaterial(programId: string, eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete(`/programs/${enc(programId)}/events/${enc(eventId)}/materials/${enc(id)}`, { ifMatch: version }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.one(programId, eventId) }),
  });
}

export const eventMaterialUrl = (programId: string, eventId: string, materialId: string) =>
  `/api/programs/${enc(programId)}/events/${enc(eventId)}/materials/${enc(materialId)}/content`;

/** The 報告会 pack (one PDF), downloaded by the browser. */
export const eventPackUrl = (programId: string, eventId: string) => `/api/programs/${enc(programId)}/events/${enc(eventId)}/pack`;
