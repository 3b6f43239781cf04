import {
  type InsurerBody,
  InsurerListSchema,
  InsurerSchema,
  JurisdictionPageSchema,
  type MunicipalityImportQuery,
  MunicipalityImportPreviewSchema,
  MunicipalityImportResultSchema,
  OrganizerSchema,
} from '@banso/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

/** The office's own organizer (実施主体). */
export const useOrganizer = () =>
  useQuery({ queryKey: queryKeys.organizer.detail(), queryFn: ({ signal }) => api.get('/organizer', OrganizerSchema, { signal }) });

export const JURISDICTION_PAGE_SIZE = 20;

/** The organizer's jurisdiction, a page at a time, searched by name, kana, prefecture or code. */
export const useJurisdiction = (q: string, page: number) =>
  useQuery({
    queryKey: queryKeys.organizer.jurisdiction(q, page),
    queryFn: ({ signal }) =>
      api.get('/organizer/jurisdiction', JurisdictionPageSchema, {
        signal,
        query: { q: q || undefined, page, pageSize: JURISDICTION_PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The body type the import routes accept: the xlsx type, else CSV (Shift_JIS stays bytes either way). */
const fileType = (file: File) => (/\.xlsx$/i.test(file.name) || file.type === XLSX ? XLSX : 'text/csv');

/** Checks a municipality master file: every bad row and what applying would do; writes nothing. */
export const useImportPreview = () =>
  useMutation({
    mutationFn: ({ file, jurisdiction }: { file: File } & MunicipalityImportQuery) =>
      api.upload(
        '/municipalities/import/preview',
        MunicipalityImportPreviewSchema,
        { data: file, type: fileType(file) },
        { query: { jurisdiction } },
      ),
  });

/** Imports the file (all or nothing); the jurisdiction and the pickers refresh. */
export function useImportApply() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, jurisdiction }: { file: File } & MunicipalityImportQuery) =>
      api.upload(
        '/municipalities/import',
        MunicipalityImportResultSchema,
        { data: file, type: fileType(file) },
        { query: { jurisdiction } },
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.organizer.all() });
      void client.invalidateQueries({ queryKey: queryKeys.municipalities() });
    },
  });
}

/** Insurers that are not municipalities (広域連合, 一部事務組合). */
export const useInsurers = () =>
  useQuery({ queryKey: queryKeys.organizer.insurers(), queryFn: ({ signal }) => api.get('/insurers', InsurerListSchema, { signal }) });

export function useCreateInsurer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: InsurerBody) => api.post('/insurers', InsurerSchema, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.organizer.all() }),
  });
}
