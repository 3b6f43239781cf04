import { type IndicatorImportQuery, IndicatorImportPreviewSchema, IndicatorImportResultSchema } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The body type the import routes accept: the xlsx type, else CSV (Shift_JIS stays bytes either way). */
const fileType = (file: File) => (/\.xlsx$/i.test(file.name) || file.type === XLSX ? XLSX : 'text/csv');

type ImportInput = { file: File } & IndicatorImportQuery;

/** POST /indicator-values/import/preview: every bad cell of an indicator file and what applying would change; writes nothing. */
export const useIndicatorImportPreview = () =>
  useMutation({
    mutationFn: ({ file, indicator }: ImportInput) =>
      api.upload(
        '/indicator-values/import/preview',
        IndicatorImportPreviewSchema,
        { data: file, type: fileType(file) },
        { query: { indicator } },
      ),
  });

/** POST /indicator-values/import: all or nothing; every engagement's 地域分析 refreshes. */
export function useIndicatorImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, indicator }: ImportInput) =>
      api.upload('/indicator-values/import', IndicatorImportResultSchema, { data: file, type: fileType(file) }, { query: { indicator } }),
    onSuccess: () => void client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'engagement' && q.queryKey[2] === 'analysis' }),
  });
}
