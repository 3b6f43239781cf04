import { enc } from '../keys';

/** Where the server draws the report's tree figure (an <img> source; the session cookie goes along). */
export const reportTreeSvgUrl = (engagementId: string, reportId: string, version: number) =>
  `/api/engagements/${enc(engagementId)}/reports/${enc(reportId)}/tree.svg?v=${version}`;

/** The print page the PDF is made from. */
export const reportPreviewUrl = (engagementId: string, reportId: string) =>
  `/api/engagements/${enc(engagementId)}/reports/${enc(reportId)}/preview`;

/** The finished export's file (a download link). */
export const exportFileUrl = (engagementId: string, jobId: string) => `/api/engagements/${enc(engagementId)}/exports/${enc(jobId)}/file`;
