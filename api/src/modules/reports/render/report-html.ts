/**
 * The report as a print-styled HTML page (A4, Noto Sans CJK JP), printed to PDF by headless Chromium.
 * Self-contained: inline CSS and SVG figures, no external resources.
 */
import {
  beforeAfterOf,
  fillTerm,
  formatDate,
  formatFiscalYear,
  formatMonth,
  formatPeriod,
  grantKinds,
  labels,
  type LabelLocale,
  participantGroupLine,
  type ReportFacts,
  type ReportNarratives,
  type ReportSection,
  type ReportStatus,
  type ReportVerification,
  roadmapAgreementLine,
  sectionNarrativeKeys,
  terms,
  todayInJapan,
} from '@banso/shared';
import { selfEvaluationSection } from './self-evaluation-section.js';
import { esc, FONT_FAMILY, roadmapSvg, treeSvg } from './svg.js';

export interface PrintableReport {
  title: string;
  status: ReportStatus;
  versionNumber: number;
  publishedAt: string | null;
  facts: ReportFacts;
  narratives: ReportNarratives;
}

const num = (n: number | null, unit = '') => (n === null ? '—' : `${n.toLocaleString('ja-JP', { maximumFractionDigits: 1 })}${unit}`);
const pct = (p: number | null) => (p === null ? '—' : `${Math.round(p * 100)}%`);

function paragraphs(text: string): string {
  const t = text.trim();
  if (!t) return '';
  return `<div class="narrative">${t
    .split(/\n{2,}/)
    .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`)
    .join('')}</div>`;
}

function table(head: string[], rows: string[][], widths: number[] = [], empty = terms('ja').noRecords): string {
  if (rows.length === 0) return `<p class="empty">${esc(empty)}</p>`;
  const cols = widths.length === head.length ? `<colgroup>${widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>` : '';
  return `<table>${cols}<thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** A table whose first cell of each row heads it (`th scope="row"`), for screen readers and the tagged PDF. */
function rowTable(head: string[], rows: string[][], widths: number[], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${esc(empty)}</p>`;
  const cols = `<colgroup>${widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>`;
  return `<table>${cols}<thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map(([first, ...rest]) => `<tr><th scope="row">${first ?? ''}</th>${rest.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** The section's own narrative: sections with one field of their name (the lessons have two, written in the body). */
function ownNarrative(key: ReportSection, narratives: ReportNarratives): string {
  const keys = sectionNarrativeKeys[key];
  return keys.length === 1 && keys[0] === key ? narratives[keys[0]] : '';
}

/** What the new sections' renderers get from reportHtml. */
interface SectionKit {
  l: ReturnType<typeof labels>;
  t: ReturnType<typeof terms>;
  locale: LabelLocale;
  section: (key: ReportSection, n: number, body: string, narratives: ReportNarratives, cls?: string) => string;
}

/** 支援の経過: the team by role and organization, then the visit log (date, kind, participants by role, what was done). */
function processSection({ l, t, locale, section }: SectionKit, f: ReportFacts, N: ReportNarratives, n: number): string | null {
  if (!f.visits && !f.team && !N.process.trim()) return null;
  const team = f.team
    ? `<h3>${esc(t.team)}</h3>${rowTable(
        [t.role, t.titleInTeam, t.organization],
        f.team.map((m) => [esc(l.teamRole[m.teamRole]), esc(m.title ?? '—'), esc(m.organization ?? '—')]),
        [24, 34, 42],
        t.noTeam,
      )}`
    : '';
  const visits = f.visits
    ? `<h3>${esc(t.visitLog)}</h3>${rowTable(
        [t.visitNo, t.date, t.kind, t.participants, t.whatWasDone],
        f.visits.map((v) => [
          esc(fillTerm(t.visitSeq, { n: v.seq })),
          `<span class="nowrap">${esc(formatDate(v.date, locale))}</span>${v.endDate ? `<br><span class="nowrap">〜${esc(formatDate(v.endDate, locale))}</span>` : ''}${v.venue ? `<br><span class="small">${esc(v.venue)}</span>` : ''}`,
          `<span class="nowrap">${esc(l.visitKind[v.kind])}</span><br><span class="small">${esc(l.visitStatus[v.status])}</span>`,
          v.participants.map((g) => esc(participantGroupLine(g, locale))).join('<br>') || '—',
          [v.agenda ? `<span class="small">${esc(t.agenda)}: ${esc(v.agenda)}</span>` : '', v.summary ? esc(v.summary) : '']
            .filter(Boolean)
            .join('<br>') || '—',
        ]),
        [11, 16, 13, 27, 33],
        t.noVisits,
      )}`
    : '';
  return section('process', n, `${team}${visits}`, N);
}

const measured = (p: ReportVerification, locale: LabelLocale, t: ReturnType<typeof terms>) =>
  p.latest
    ? `${esc(num(p.latest.value, p.unit))}<br><span class="small">${esc(formatPeriod(p.latest.period, locale))}</span>`
    : esc(t.notMeasured);

/** Before ⇒ After: per theme, its indicators' baseline → latest measurement, and the theme's narrative. */
function beforeAfterSection({ l, t, locale, section }: SectionKit, f: ReportFacts, N: ReportNarratives, n: number): string | null {
  const themes = beforeAfterOf(f);
  if (!themes && !N.beforeAfter.trim()) return null;
  const ym = (s: string | null) => (s ? formatMonth(s, locale) : '—');
  const body = themes
    ? themes.length === 0
      ? `<p class="empty">${esc(t.noThemes)}</p>`
      : `<p class="small">${esc(t.beforeAfterLead)}</p>${themes
          .map(
            ({ theme, plans }) =>
              `<div class="theme"><h3>${esc(l.nodeKind[theme.kind])}: ${esc(theme.title)}</h3>${rowTable(
                [t.indicator, t.before, t.after, t.target, t.progress],
                plans.map((p) => [
                  `${p.indicatorCode ? `${esc(p.indicatorCode)} ` : ''}${esc(p.indicatorName)}<br><span class="small">${esc(p.actionTitle)}</span>`,
                  `${p.baselineValue === null ? esc(p.baselineNote ?? '—') : esc(num(p.baselineValue, p.unit))}<br><span class="small">${esc(fillTerm(t.asOfSuffix, { date: ym(p.baselineAsOf) }))}</span>`,
                  measured(p, locale, t),
                  `${esc(num(p.targetValue, p.unit))}<br><span class="small">${esc(fillTerm(t.until, { date: ym(p.targetBy) }))}</span>`,
                  `<span class="n">${pct(p.progress)}</span>`,
                ]),
                [40, 17, 17, 17, 9],
                t.noLinkedIndicators,
              )}${paragraphs(N.byTheme[theme.nodeId] ?? '')}</div>`,
          )
          .join('')}`
    : '';
  return section('beforeAfter', n, body, N, 'wide');
}

/** 問い, 成功要因・苦労した点 and 今後の展開: written by the team, each shown only once something is written. */
function learningSections({ l, section }: SectionKit, N: ReportNarratives, first: number): string[] {
  const out: string[] = [];
  let n = first;
  if (N.questions.trim()) out.push(section('questions', n++, '', N, 'wide'));
  const lessons = (['successFactors', 'difficulties'] as const).filter((k) => N[k].trim());
  if (lessons.length > 0)
    out.push(section('lessons', n++, lessons.map((k) => `<h3>${esc(l.reportNarrative[k])}</h3>${paragraphs(N[k])}`).join(''), N, 'wide'));
  if (N.nextSteps.trim()) out.push(section('nextSteps', n, '', N, 'wide'));
  return out;
}

const CSS = `
@page { size: A4; margin: 16mm 14mm 16mm 14mm; }
@page wide { size: A4 landscape; margin: 12mm 12mm 14mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: ${FONT_FAMILY}; font-size: 10pt; line-height: 1.6; color: #111827; margin: 0; }
header.cover { border-bottom: 3px solid #1f3b63; padding-bottom: 8mm; margin-bottom: 6mm; }
header.cover .program { font-size: 10pt; color: #4b5563; }
header.cover h1 { font-size: 20pt; line-height: 1.35; margin: 3mm 0 2mm; color: #1f3b63; }
header.cover .meta { font-size: 9pt; color: #4b5563; }
header.cover .badge { display: inline-block; padding: 0 3mm; border-radius: 3mm; font-size: 8.5pt; font-weight: 700; margin-left: 2mm; }
.badge.draft { background: #fde68a; color: #78350f; }
.badge.published { background: #d1fae5; color: #065f46; }
.sec { margin: 0 0 7mm; }
.sec h2 { font-size: 13pt; color: #1f3b63; border-bottom: 1px solid #c7d2e3; padding-bottom: 1mm; margin: 0 0 3mm; break-after: avoid; }
.sec h2 .no { display: inline-block; min-width: 7mm; color: #3a6fc4; }
.sec h3 { font-size: 10.5pt; color: #1f3b63; margin: 4mm 0 1.5mm; break-after: avoid; }
.theme { break-inside: avoid; margin-bottom: 4mm; }
th[scope="row"] { background: #f5f8fc; font-weight: 700; white-space: normal; }
.wide { page: wide; }
.sec-tree, .sec-actions { break-before: page; }
.figure { break-inside: avoid; }
.narrative { margin-top: 3mm; padding: 2.5mm 4mm; background: #f5f8fc; border-left: 3px solid #3a6fc4; }
.narrative p { margin: 0 0 1.5mm; }
table { width: 100%; border-collapse: collapse; font-size: 8.8pt; line-height: 1.45; }
th, td { border: 1px solid #cbd5e1; padding: 1.2mm 1.8mm; vertical-align: top; text-align: left; }
th { background: #e8eef7; font-weight: 700; white-space: nowrap; }
tr { break-inside: avoid; }
td.n { text-align: right; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.profile { display: grid; grid-template-columns: repeat(5, 1fr); gap: 2mm; margin-bottom: 3mm; }
.profile div { border: 1px solid #cbd5e1; border-radius: 2mm; padding: 1.5mm 2.5mm; }
.profile .k { font-size: 8pt; color: #4b5563; }
.profile .v { font-size: 12pt; font-weight: 700; }
.desired { font-size: 14pt; font-weight: 700; color: #1f3b63; padding: 3mm 5mm; border: 2px solid #1f3b63; border-radius: 2mm; margin: 2mm 0; }
ul.findings { margin: 0; padding-left: 0; list-style: none; }
ul.findings li { margin-bottom: 1.5mm; padding-left: 2mm; border-left: 3px solid #d0d7e2; }
ul.findings .kind { font-size: 8pt; font-weight: 700; color: #3a6fc4; margin-right: 2mm; }
ul.findings .src { font-size: 8pt; color: #6b7280; margin-left: 2mm; }
.figure { text-align: center; }
.figure svg { max-width: 100%; height: auto; max-height: 160mm; }
.sec-roadmap .figure svg { max-height: 105mm; }
.mark { font-size: 22pt; font-weight: 700; color: #1f3b63; margin-right: 3mm; }
.empty { color: #6b7280; }
.small { font-size: 8pt; color: #6b7280; }
.status { white-space: nowrap; font-weight: 700; }
.st-delayed { color: #b42318; }
.st-done { color: #2f8a4a; }
`;

/**
 * 自治体の概要: both 交付金 of the latest fiscal year by evaluation area — score, maximum, the
 * national and prefectural averages and the previous year's score. Empty without scores (and for
 * reports drafted before they were in the facts).
 */
function grantTables(f: PrintableReport['facts'], l: ReturnType<typeof labels>, t: ReturnType<typeof terms>, locale: LabelLocale): string {
  const grants = f.grants ?? [];
  if (grants.length === 0) return '';
  const latest = Math.max(...grants.map((g) => g.fiscalYear));
  const out: string[] = [`<h3 class="small">${esc(t.grants)}</h3>`];
  for (const kind of grantKinds) {
    const now = grants.filter((g) => g.grant === kind && g.fiscalYear === latest).sort((a, b) => a.position - b.position);
    if (now.length === 0) continue;
    const before = new Map(grants.filter((g) => g.grant === kind && g.fiscalYear === latest - 1).map((g) => [g.areaCode, g.score]));
    out.push(`<p><strong>${esc(l.grantKind[kind])}</strong> ${esc(formatFiscalYear(latest, locale))}</p>`);
    out.push(
      table(
        [
          t.grantArea,
          t.grantScore,
          t.grantMax,
          t.grantNational,
          t.grantPrefecture,
          `${t.grantPrevious} (${formatFiscalYear(latest - 1, locale)})`,
        ],
        now.map((g) => [
          esc(g.area),
          `<span class="n">${esc(num(g.score))}</span>`,
          `<span class="n">${esc(num(g.maxScore))}</span>`,
          `<span class="n">${esc(num(g.nationalAverage))}</span>`,
          `<span class="n">${esc(num(g.prefectureAverage))}</span>`,
          `<span class="n">${esc(num(before.get(g.areaCode) ?? null))}</span>`,
        ]),
        [40, 12, 12, 12, 12, 12],
        t.noRecords,
      ),
    );
  }
  return out.join('');
}

export function reportHtml(r: PrintableReport, locale: LabelLocale = 'ja'): string {
  return printDocument(r.title, reportArticle(r, locale), locale);
}

/** A self-contained print page: the report's styles (and any extra), the body. */
export function printDocument(title: string, body: string, locale: LabelLocale = 'ja', extraCss = ''): string {
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}${extraCss}</style></head>
<body>
${body}
</body></html>`;
}

/** One report's cover (its title is the h1 and so the PDF's bookmark) and sections, to print alone or in a pack. */
export function reportArticle(r: PrintableReport, locale: LabelLocale = 'ja'): string {
  const l = labels(locale);
  const t = terms(locale);
  const ym = (s: string | null) => (s ? formatMonth(s, locale) : '—');
  const day = (iso: string) => formatDate(iso.slice(0, 10), locale);
  const section = (key: ReportSection, n: number, body: string, narratives: ReportNarratives, cls = '') =>
    `<section class="sec sec-${key} ${cls}"><h2><span class="no">${n}</span> ${esc(l.reportSection[key])}</h2>${body}${paragraphs(ownNarrative(key, narratives))}</section>`;
  const tbl = (head: string[], rows: string[][], widths: number[] = []) => table(head, rows, widths, t.noRecords);
  const f = r.facts;
  const N = r.narratives;
  const m = f.municipality;
  const sections: string[] = [];
  let n = 0;
  const kit: SectionKit = { l, t, locale, section };
  /** Adds a section that may be absent (an older version's facts, nothing written), numbered only when shown. */
  const optional = (html: string | null) => {
    if (html === null) return;
    sections.push(html);
    n += 1;
  };
  if (N.summary.trim()) sections.push(section('summary', ++n, '', N));

  sections.push(
    section(
      'profile',
      ++n,
      `<div class="profile">
        <div><div class="k">${esc(t.category)}</div><div class="v">${esc(l.category[m.category])}</div></div>
        <div><div class="k">${esc(t.regionType)}</div><div class="v">${esc(l.regionType[m.regionType])}</div></div>
        <div><div class="k">${esc(t.population)}</div><div class="v">${num(m.population, t.personUnit)}</div></div>
        <div><div class="k">${esc(t.agingRate)}</div><div class="v">${num(m.agingRate, '%')}</div></div>
        <div><div class="k">${esc(t.pop85Rate)}</div><div class="v">${num(m.pop85Rate, '%')}</div></div>
      </div>
      <h3 class="small">${esc(t.keyIndicators)}</h3>
      ${tbl(
        [t.indicator, t.value, t.period, t.source],
        f.keyIndicators.map((v) => [
          `${esc(v.code)} ${esc(v.name)}`,
          `<span class="n">${esc(num(v.value, v.unit))}</span>`,
          esc(formatPeriod(v.period, locale)),
          esc(v.source),
        ]),
        [48, 14, 10, 28],
      )}${grantTables(f, l, t, locale)}`,
      N,
    ),
  );

  sections.push(
    section(
      'theme',
      ++n,
      `<p>${esc(t.theme)}: <strong>${esc(f.engagement.theme)}</strong></p><div class="desired">${esc(f.engagement.desiredState || t.desiredStateUnset)}</div>`,
      N,
    ),
  );

  optional(processSection(kit, f, N, n + 1));

  sections.push(
    section(
      'findings',
      ++n,
      f.findings.length === 0
        ? `<p class="empty">${esc(t.noShareableFindings)}</p>`
        : `<ul class="findings">${f.findings
            .map(
              (x) =>
                `<li><span class="kind">${esc(l.findingKind[x.kind])}</span>${esc(x.text)}<span class="src">${esc(
                  [x.visitSeq !== null ? fillTerm(t.visitSeq, { n: x.visitSeq }) : '', x.source].filter(Boolean).join(' / '),
                )}</span></li>`,
            )
            .join('')}</ul>`,
      N,
    ),
  );

  sections.push(
    section(
      'tree',
      ++n,
      f.tree.nodes.length === 0
        ? `<p class="empty">${esc(t.treeNotCreated)}</p>`
        : `<div class="figure">${treeSvg(f.tree.nodes, { locale })}</div>`,
      N,
      'wide',
    ),
  );

  sections.push(
    section(
      'actions',
      ++n,
      tbl(
        [t.action, t.ownerDepartment, t.partners, t.priority, t.status, t.rationale],
        f.actions.map((a) => [
          `<strong>${esc(a.title)}</strong>`,
          esc(a.ownerDepartment || '—'),
          esc(a.partners.join('、') || '—'),
          esc(l.priority[a.priority]),
          `<span class="status">${esc(l.actionStatus[a.status])}</span>`,
          esc(a.rationale),
        ]),
        [27, 13, 13, 6, 7, 34],
      ),
      N,
      'wide',
    ),
  );

  sections.push(
    section(
      'roadmap',
      ++n,
      `<div class="figure">${roadmapSvg(f, locale)}</div>
      ${f.roadmapAgreement ? `<p class="agreement">${esc(roadmapAgreementLine(f.roadmapAgreement, locale))}</p>` : ''}
      ${tbl(
        [t.action, t.span, t.milestone],
        f.roadmap.map((r) => [
          esc(r.title),
          `<span class="n">${esc(r.startMonth ? `${ym(r.startMonth)}〜${ym(r.endMonth)}` : t.unset)}</span>`,
          r.milestones
            .map(
              (s) => `${esc(day(s.due))} ${esc(s.title)} <span class="status st-${s.status}">[${esc(l.milestoneStatus[s.status])}]</span>`,
            )
            .join('<br>') || '—',
        ]),
        [38, 18, 44],
      )}`,
      N,
      'wide',
    ),
  );

  sections.push(
    section(
      'verification',
      ++n,
      tbl(
        [t.action, t.indicator, t.baseline, t.target, t.timingAndSource, t.latest, t.progress],
        f.verification.map((p) => [
          esc(p.actionTitle),
          `${p.indicatorCode ? `${esc(p.indicatorCode)} ` : ''}${esc(p.indicatorName)}`,
          `${p.baselineValue === null ? esc(p.baselineNote ?? '—') : esc(num(p.baselineValue, p.unit))}<br><span class="small">${esc(fillTerm(t.asOfSuffix, { date: ym(p.baselineAsOf) }))}</span>`,
          `${esc(num(p.targetValue, p.unit))}<br><span class="small">${esc(fillTerm(t.until, { date: ym(p.targetBy) }))}</span>`,
          `${esc(p.timing)}<br><span class="small">${esc(p.dataSource)}</span>`,
          p.latest
            ? `${esc(num(p.latest.value, p.unit))}<br><span class="small">${esc(formatPeriod(p.latest.period, locale))}</span>`
            : esc(t.notMeasured),
          `<span class="n">${pct(p.progress)}</span>`,
        ]),
        [22, 22, 12, 11, 15, 11, 7],
      ),
      N,
      'wide',
    ),
  );

  optional(beforeAfterSection(kit, f, N, n + 1));
  if (f.selfEvaluations) sections.push(selfEvaluationSection(f.selfEvaluations, f.fiscalYear, ++n, locale));

  sections.push(
    section(
      'review',
      ++n,
      f.review
        ? `<p><span class="mark">${esc(f.review.mark)}</span>${esc(fillTerm(t.selfAssessment, { fiscalYear: formatFiscalYear(f.review.fiscalYear, locale) }))}</p>
           ${f.review.comment ? `<p>${esc(f.review.comment).replace(/\n/g, '<br>')}</p>` : ''}
           ${f.review.nextActions ? `<p><strong>${esc(t.nextActions)}:</strong> ${esc(f.review.nextActions).replace(/\n/g, '<br>')}</p>` : ''}`
        : `<p class="empty">${esc(t.reviewNotWritten)}</p>`,
      N,
      'wide',
    ),
  );

  sections.push(...learningSections(kit, N, n + 1));

  const statusBadge = `<span class="badge ${r.status}">${esc(l.reportStatus[r.status])}</span>`;
  return `<header class="cover">
  <div class="program">${esc(f.program.name)}</div>
  <h1>${esc(r.title)}</h1>
  <div class="meta">${esc(m.name)}(${esc(l.category[m.category])}・${esc(l.regionType[m.regionType])}) / ${esc(t.theme)}: ${esc(f.engagement.theme)} / ${esc(fillTerm(t.edition, { n: r.versionNumber }))} ${statusBadge}</div>
  <div class="meta">${r.publishedAt ? `${esc(t.publishedOn)} ${esc(day(todayInJapan(new Date(r.publishedAt))))} / ` : ''}${esc(t.recordAsOf)} ${esc(day(f.asOf))}</div>
</header>
${sections.join('\n')}`;
}
