/** Where the browser loads a library case's figure and print page itself (an <img> / a link; the cookie goes along). */
export const libraryTreeSvgUrl = (reportId: string) => `/api/library/${encodeURIComponent(reportId)}/tree.svg`;
export const libraryPreviewUrl = (reportId: string) => `/api/library/${encodeURIComponent(reportId)}/preview`;
