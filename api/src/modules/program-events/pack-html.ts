/**
 * The March 報告会's pack as one print page: a cover (program, event, dates, venue, participating
 * municipalities), the agenda, then every participating engagement's newest published report, each
 * starting on a new page. Printed whole by the export worker's Chromium (tagged, with bookmarks), so
 * each report's title (its h1) is a top-level bookmark and the structure tree covers the whole pack —
 * merging separately printed PDFs would drop the tagging and leave the bookmarks to be built by hand.
 */
import { formatDate, labels, type LabelLocale, terms } from '@banso/shared';
import { normalizeNarratives } from '../reports/reports.service.js';
import { esc } from '../reports/render/svg.js';
import { printDocument, reportArticle } from '../reports/render/report-html.js';
import type { PackSource } from './program-events.service.js';

const PACK_CSS = `
header.pack-cover { border-bottom: 3px solid #1f3b63; padding-bottom: 8mm; margin: 30mm 0 8mm; }
header.pack-cover .program { font-size: 11pt; color: #4b5563; }
header.pack-cover .kind { font-size: 10pt; color: #3a6fc4; font-weight: 700; margin-top: 3mm; }
header.pack-cover h1 { font-size: 24pt; line-height: 1.35; margin: 2mm 0 4mm; color: #1f3b63; }
dl.pack-meta { display: grid; grid-template-columns: 32mm 1fr; gap: 1.5mm 4mm; margin: 0 0 6mm; font-size: 10.5pt; }
dl.pack-meta dt { color: #4b5563; font-weight: 700; }
dl.pack-meta dd { margin: 0; }
section.pack-agenda { break-before: page; }
section.pack-agenda h2, section.pack-contents h2 { font-size: 14pt; color: #1f3b63; border-bottom: 1px solid #c7d2e3; padding-bottom: 1mm; }
article.pack-report { break-before: page; }
`;

export interface PackOptions {
  /** Print only the cover and the agenda (what the pages before the first report are). */
  frontMatterOnly?: boolean;
  locale?: LabelLocale;
}

function dateSpan(start: string, end: string, locale: LabelLocale) {
  return start === end ? formatDate(start, locale) : `${formatDate(start, locale)} 〜 ${formatDate(end, locale)}`;
}

export function packHtml(source: PackSource, opts: PackOptions = {}): string {
  const locale = opts.locale ?? 'ja';
  const l = labels(locale);
  const t = terms(locale);
  const { event } = source;
  const where = [event.venue ? esc(event.venue) : '', event.onlineUrl ? `${esc(t.eventOnline)}: ${esc(event.onlineUrl)}` : '']
    .filter(Boolean)
    .join('<br>');
  const participants = source.reports
    .map(
      (r) =>
        `<li>${esc(r.municipality.name)} — ${esc(r.theme)}${r.report ? '' : ` <span class="small">${esc(t.reportNotPublished)}</span>`}</li>`,
    )
    .join('');
  const cover = `<header class="pack-cover">
  <div class="program">${esc(source.program.name)}</div>
  <div class="kind">${esc(l.programEventKind[event.kind])} / ${esc(t.eventPack)}</div>
  <h1>${esc(event.title)}</h1>
</header>
<dl class="pack-meta">
  <dt>${esc(t.eventDates)}</dt><dd>${esc(dateSpan(event.startDate, event.endDate, locale))}</dd>
  <dt>${esc(t.eventVenue)}</dt><dd>${where || '—'}</dd>
  <dt>${esc(t.eventParticipants)}</dt><dd><ul>${participants || '<li>—</li>'}</ul></dd>
</dl>`;
  const names = new Map(source.engagements.map((e) => [e.id, e.municipality.name]));
  const agendaRows = event.agenda.map(
    (a) =>
      `<tr><td class="nowrap">${esc(a.time || '—')}</td><th scope="row">${esc(a.title)}</th><td>${esc(
        [a.presenter, a.engagementId ? (names.get(a.engagementId) ?? '') : ''].filter(Boolean).join(' / ') || '—',
      )}</td></tr>`,
  );
  const agenda = `<section class="pack-agenda"><h2>${esc(t.eventAgenda)}</h2>${
    agendaRows.length === 0
      ? `<p class="empty">${esc(t.noAgenda)}</p>`
      : `<table><colgroup><col style="width:14%"><col style="width:56%"><col style="width:30%"></colgroup><thead><tr><th scope="col">${esc(t.agendaTime)}</th><th scope="col">${esc(t.agendaItem)}</th><th scope="col">${esc(t.agendaPresenter)}</th></tr></thead><tbody>${agendaRows.join('')}</tbody></table>`
  }</section>`;
  const reports = opts.frontMatterOnly
    ? ''
    : source.reports
        .flatMap(({ report }) =>
          report
            ? [
                `<article class="pack-report">${reportArticle(
                  {
                    title: report.title,
                    status: report.status,
                    versionNumber: report.versionNumber,
                    publishedAt: report.publishedAt ? report.publishedAt.toISOString() : null,
                    facts: report.facts,
                    narratives: normalizeNarratives(report.narratives),
                  },
                  locale,
                )}</article>`,
              ]
            : [],
        )
        .join('\n');
  return printDocument(`${event.title} ${t.eventPack}`, `${cover}\n${agenda}\n${reports}`, locale, PACK_CSS);
}
