/**
 * The demo's published report: last year's March report of みどり区 (the engagement this year's
 * continued from), its facts generated from last year's record as the report meeting saw it and its
 * narratives from engagements.ja.yaml — questions, lessons and next steps included, so the case
 * library and the print page show what another municipality learns from a case.
 */
import { fiscalYearLabel, type ReportNarratives } from '@banso/shared';
import type { Db } from '../client.js';
import { collectRecord, indicatorCodesOf, searchTextOf, searchVectorOf, shareableFacts } from '../../modules/reports/facts.js';
import { normalizeNarratives } from '../../modules/reports/reports.service.js';
import * as s from '../schema/index.js';
import type { DemoReport } from '../seed.js';

export async function seedDemoReport(
  db: Db,
  input: { engagementId: string; nodeIds: Map<string, string>; report: DemoReport; author: string; publisher: string },
): Promise<void> {
  const { by_theme: byCode = {}, ...fields } = input.report.narratives;
  const byTheme: Record<string, string> = {};
  for (const [code, text] of Object.entries(byCode)) {
    const id = input.nodeIds.get(code);
    if (!id) throw new Error(`demo report: no tree node ${code}`);
    byTheme[id] = text;
  }
  const narratives: ReportNarratives = normalizeNarratives({ ...fields, byTheme });
  const day = input.report.published;
  const publishedAt = new Date(`${day}T06:00:00Z`);
  const { facts: generated } = await collectRecord(db, input.engagementId, { today: day, now: new Date(`${day}T00:00:00Z`) });
  const facts = shareableFacts(generated);
  const title = `${fiscalYearLabel(facts.fiscalYear)} ${facts.municipality.name} 伴走型支援 報告書`;
  await db.insert(s.reports).values({
    engagementId: input.engagementId,
    fiscalYear: facts.fiscalYear,
    versionNumber: 1,
    status: 'published',
    title,
    facts,
    narratives,
    theme: facts.engagement.theme,
    municipalityCategory: facts.municipality.category,
    regionType: facts.municipality.regionType,
    indicatorCodes: indicatorCodesOf(facts),
    searchText: searchTextOf(facts, title, narratives),
    searchVector: searchVectorOf(facts, title, narratives),
    createdBy: input.author,
    createdAt: new Date(`${day}T00:00:00Z`),
    updatedBy: input.author,
    updatedAt: publishedAt,
    publishedBy: input.publisher,
    publishedAt,
  });
}
