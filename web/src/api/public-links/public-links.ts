import { LibraryCaseSchema, PublicLinkCreatedSchema, PublicLinkListSchema, PublicLinkSchema } from '@banso/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** The public read-only links of a published report (program office). */
export const usePublicLinks = (engagementId: string, reportId: string, enabled = true) =>
  useQuery({
    queryKey: queryKeys.publicLinks(engagementId, reportId),
    queryFn: ({ signal }) =>
      api.get(`/engagements/${enc(engagementId)}/reports/${enc(reportId)}/public-links`, PublicLinkListSchema, { signal }),
    enabled,
  });

export function useCreatePublicLink(engagementId: string, reportId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (expiresInDays: number | null) =>
      api.post(`/engagements/${enc(engagementId)}/reports/${enc(reportId)}/public-links`, PublicLinkCreatedSchema, { expiresInDays }),
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.publicLinks(engagementId, reportId) }),
  });
}

export function useRevokePublicLink(engagementId: string, reportId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) =>
      api.post(
        `/engagements/${enc(engagementId)}/reports/${enc(reportId)}/public-links/${enc(linkId)}/revoke`,
        PublicLinkSchema,
        undefined,
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.publicLinks(engagementId, reportId) }),
  });
}

/** The report behind a public link, read signed out. */
export const usePublicReport = (token: string) =>
  useQuery({
    queryKey: queryKeys.publicReport(token),
    queryFn: ({ signal }) => api.get(`/public/reports/${enc(token)}`, LibraryCaseSchema, { signal }),
    retry: false,
  });

/** Where the browser loads the public report's tree figure (an <img>). */
export const publicTreeSvgUrl = (token: string) => `/api/public/reports/${encodeURIComponent(token)}/tree.svg`;
