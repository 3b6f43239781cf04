import {
  type Access,
  can,
  type EngagementDetail,
  type Finding,
  todayInJapan,
  type VisitView,
  writableFindingVisibilities,
} from '@banso/shared';
import { useMemo } from 'react';
import { EmptyState } from '../../../components/ui/feedback';
import { ErrorMessage } from '../../../components/ui/error-message';
import { QueryView } from '../../../components/ui/query-view';
import { formatDate } from '@banso/shared';
import { useFindings } from '../../../api/findings/get-findings';
import { useTreeNodes } from '../../../api/tree/get-tree';
import { useVisits } from '../../../api/hearing/get-visits';
import { sectionVisits, type VisitSection } from '../lib/windows';
import { FindingForm } from './finding-form';
import { FindingItem } from './finding-item';
import { HomeworkSection } from './homework-section';
import { VisitCard } from './visit-card';
import { VisitForm } from './visit-form';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n';

function SectionTitle({ section }: { section: VisitSection<VisitView> }) {
  const { t } = useTranslation('hearing');
  const { locale } = useLocale();
  if (section.kind === 'window')
    return (
      <>
        <span className="visit-window__seq">{t('hearing.window', { seq: section.window.seq })}</span>
        <span className="visit-window__purpose">{section.window.purpose}</span>
        <span className="visit-window__range">
          {t('hearing.windowRange', { start: formatDate(section.window.start, locale), end: formatDate(section.window.end, locale) })}
        </span>
      </>
    );
  if (section.kind === 'report')
    return (
      <>
        <span className="visit-window__seq">{t('hearing.reportMeeting')}</span>
        {section.date ? <span className="visit-window__range">{formatDate(section.date, locale)}</span> : null}
      </>
    );
  return <span className="visit-window__seq">{t('hearing.otherVisits')}</span>;
}

export function HearingTab({ engagement, access }: { engagement: EngagementDetail; access: Access }) {
  const { t } = useTranslation('hearing');
  const visits = useVisits(engagement.id);
  const findings = useFindings(engagement.id);
  const tree = useTreeNodes(engagement.id);
  const nodeTitles = useMemo(() => new Map((tree.data ?? []).map((n) => [n.id, n.title])), [tree.data]);
  const today = todayInJapan();
  const canWrite = can(access, 'visit.write');

  const byVisit = useMemo(() => {
    const map = new Map<string | null, Finding[]>();
    for (const f of findings.data ?? []) map.set(f.visitId, [...(map.get(f.visitId) ?? []), f]);
    return map;
  }, [findings.data]);

  return (
    <div className="tab-content">
      <div className="section-head">
        <h2 className="section-title">{t('hearing.title')}</h2>
        <p className="muted">{t('hearing.lead')}</p>
      </div>
      {findings.error ? <ErrorMessage error={findings.error} onRetry={() => void findings.refetch()} /> : null}
      <QueryView query={visits}>
        {(items) => {
          const known = new Set(items.map((v) => v.id));
          const loose = [...byVisit.entries()].filter(([k]) => k === null || !known.has(k)).flatMap(([, v]) => v);
          return (
            <>
              {canWrite ? <VisitForm engagementId={engagement.id} /> : null}
              <ol className="visit-windows">
                {sectionVisits(engagement.program.visitWindows, engagement.program.reportMeeting, items).map((section, i) => (
                  <li key={section.kind === 'window' ? `w${section.window.seq}` : `${section.kind}${i}`} className="visit-window">
                    <h3 className="visit-window__title">
                      <SectionTitle section={section} />
                    </h3>
                    {section.visits.length === 0 ? (
                      <EmptyState>{t('hearing.noVisit')}</EmptyState>
                    ) : (
                      section.visits.map((v) => (
                        <VisitCard
                          key={v.id}
                          engagementId={engagement.id}
                          visit={v}
                          findings={byVisit.get(v.id) ?? []}
                          nodeTitles={nodeTitles}
                          access={access}
                          visits={items}
                        />
                      ))
                    )}
                  </li>
                ))}
              </ol>
              {loose.length > 0 ? (
                <section className="hearing-section" aria-labelledby="loose-findings">
                  <h3 id="loose-findings" className="subsection-title">
                    {t('findings.unlinked')}
                  </h3>
                  <ul className="findings">
                    {loose.map((f) => (
                      <FindingItem
                        key={f.id}
                        engagementId={engagement.id}
                        finding={f}
                        nodeTitles={nodeTitles}
                        canWrite={can(access, 'finding.write')}
                        visibilities={writableFindingVisibilities(access.role)}
                        visits={items}
                        access={access}
                      />
                    ))}
                  </ul>
                </section>
              ) : null}
              {can(access, 'finding.write') ? (
                <FindingForm
                  engagementId={engagement.id}
                  visits={items}
                  nodes={tree.data ?? []}
                  visibilities={writableFindingVisibilities(access.role)}
                />
              ) : null}
              <HomeworkSection engagementId={engagement.id} access={access} visits={items} today={today} />
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
