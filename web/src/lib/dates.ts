/**
 * Dates in the web: the one formatter lives in @banso/shared (shared/src/dates.ts), also used by
 * the report, PDF, PPTX and XLSX. This re-export stays until every call site imports it directly.
 */
export { type DateLocale, formatDate, formatDateTime, formatFiscalYear, formatMonth, monthLabel, yearLabel } from '@banso/shared';
