/**
 * The report's section of the 「取組と目標」 self-evaluation sheet of its fiscal year: one table row per
 * item (取組と目標, indicator, target, actual, mark, reasons, 今後の方向性, related actions) and the marks'
 * legend. Reports drafted before the sheet existed have no `selfEvaluations`: they get no section.
 */
import {
  carePlanPeriodLabel,
  formatFiscalYear,
  type LabelLocale,
  labels,
  type ReportSelfEvaluation,
  selfEvaluationMarkLegend,
  selfEvaluationMarkSymbols,
  terms,
} from '@banso/shared';
import { esc } from './svg.js';

const num = (n: number | null, unit: string) => (n === null ? '—' : `${n.toLocaleString('ja-JP', { maximumFractionDigits: 2 })}${unit}`);
const lines = (s: string) => esc(s).replace(/\n/g, '<br>');

/** The section's HTML, numbered `no` (the caller leaves it out when the facts predate the sheet). */
export function selfEvaluationSection(items: readonly ReportSelfEvaluation[], fiscalYear: number, no: number, locale: LabelLocale): string {
  const t = terms(locale);
  const l = labels(locale);
  const head = [t.no, t.planGoal, t.indicator, t.target, t.actual, t.selfEvaluation, t.selfEvaluationComment, t.direction, t.linkedActions];
  const widths = [4, 17, 13, 7, 7, 6, 20, 15, 11];
  const body =
    items.length === 0
      ? `<p class="empty">${esc(t.noSelfEvaluations)}</p>`
      : `<table class="self-evaluation"><colgroup>${widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup><thead><tr>${head
          .map((h) => `<th>${esc(h)}</th>`)
          .join('')}</tr></thead><tbody>${items
          .map((r, i) =>
            [
              `<td class="n">${i + 1}</td>`,
              `<td>${r.theme ? `<span class="small">${esc(r.theme)}</span><br>` : ''}<strong>${esc(r.title)}</strong></td>`,
              `<td>${esc(r.indicatorName || '—')}</td>`,
              `<td class="n">${esc(num(r.targetValue, r.unit))}</td>`,
              `<td class="n">${esc(num(r.actualValue, r.unit))}</td>`,
              r.mark
                ? `<td style="text-align:center"><span class="mark" style="font-size:15pt;margin:0" title="${esc(l.selfEvaluationMark[r.mark])}">${selfEvaluationMarkSymbols[r.mark]}</span></td>`
                : '<td style="text-align:center">—</td>',
              `<td>${lines(r.comment)}</td>`,
              `<td>${r.direction ? `<span class="status">${esc(l.selfEvaluationDirection[r.direction])}</span>${r.directionText ? '<br>' : ''}` : ''}${lines(r.directionText)}</td>`,
              `<td>${r.actions.map((a) => esc(a.title)).join('<br>') || '—'}</td>`,
            ].join(''),
          )
          .map((cells) => `<tr>${cells}</tr>`)
          .join('')}</tbody></table>`;
  return `<section class="sec sec-self-evaluation wide"><h2><span class="no">${no}</span> ${esc(t.selfEvaluationSection)}</h2>
<p class="small">${esc(formatFiscalYear(fiscalYear, locale))} / ${esc(carePlanPeriodLabel(fiscalYear, locale))} / ${esc(selfEvaluationMarkLegend(locale))}</p>
${body}</section>`;
}
