import {
  type NodeKind,
  type Tree,
  type TreeImportBody,
  type TreeImportMode,
  type TreeImportPreview,
  TreeImportPreviewSchema,
  TreeSchema,
} from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** What the outline comes from: a chosen xlsx/CSV file, or pasted text. */
export type TreeImportSource = { kind: 'file'; file: File } | { kind: 'text'; text: string };

export interface TreeImportPreviewRequest {
  source: TreeImportSource;
  mode: TreeImportMode;
  parentId?: string | undefined;
  /** Kind overrides by node ref. */
  kinds: Readonly<Record<string, NodeKind>>;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The body type the route accepts: the xlsx type, else CSV (Shift_JIS stays bytes either way). */
const fileType = (file: File) => (/\.xlsx$/i.test(file.name) || file.type === XLSX ? XLSX : 'text/csv');

/** POST /engagements/{id}/tree/import/preview: the outline read into nodes with kinds and rows; writes nothing. */
export function previewTreeImport(engagementId: string, r: TreeImportPreviewRequest): Promise<TreeImportPreview> {
  const kinds = Object.entries(r.kinds)
    .map(([ref, kind]) => `${ref}=${kind}`)
    .join(',');
  const query = { mode: r.mode, parentId: r.mode === 'append' ? r.parentId : undefined, kinds: kinds === '' ? undefined : kinds };
  return r.source.kind === 'file'
    ? api.upload(
        `/engagements/${enc(engagementId)}/tree/import/preview`,
        TreeImportPreviewSchema,
        { data: r.source.file, type: fileType(r.source.file) },
        { query },
      )
    : api.post(`/engagements/${enc(engagementId)}/tree/import/preview`, TreeImportPreviewSchema, { text: r.source.text }, { query });
}

export const usePreviewTreeImport = (engagementId: string) =>
  useMutation({ mutationFn: (r: TreeImportPreviewRequest) => previewTreeImport(engagementId, r) });

/** POST /engagements/{id}/tree/import with If-Match: "<revision>": the confirmed nodes as one new revision. */
export function importTree(engagementId: string, body: TreeImportBody, revision: number): Promise<Tree> {
  return api.post(`/engagements/${enc(engagementId)}/tree/import`, TreeSchema, body, { ifMatch: revision });
}

/** Imports, then hands the new tree to the editor (as a restore does) and refreshes its history. */
export function useImportTree(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, revision }: { body: TreeImportBody; revision: number }) => importTree(engagementId, body, revision),
    onSuccess: (tree) => {
      queryClient.setQueryData(queryKeys.tree.current(engagementId), tree);
      return queryClient.invalidateQueries({ queryKey: queryKeys.tree.all(engagementId) });
    },
  });
}
