import type { Access, EngagementDetail, Me } from '@banso/shared';
import { can } from '@banso/shared';
import { lazy, Suspense, useEffect } from 'react';
import { useEngagementLive } from '../../api/events/use-engagement-live';
import { ErrorBoundary } from '../../components/ui/error-boundary';
import { Loading } from '../../components/ui/feedback';
import { Link } from '../../components/ui/link';
import { QueryView } from '../../components/ui/query-view';
import { TabList } from '../../components/ui/tabs';
import { ActionsTab } from '../../features/actions';
import { EngagementHeader, useEngagement } from '../../features/engagements';
import { HearingTab } from '../../features/hearing';
import { PdcaTab } from '../../features/pdca';
import { RoadmapTab } from '../../features/roadmap';
import { SelfEvaluationTab } from '../../features/self-evaluation';
import { type EngagementTab, navigate, paths, useLocation } from '../../lib/router';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useTranslation } from 'react-i18next';

// The tree editor (React Flow) is its own chunk, loaded when the tab opens.
const LogicTreeTab = lazy(() => import('../../features/logic-tree').then((m) => ({ default: m.LogicTreeTab })));
// 地域分析 (and its chart library) likewise.
const AnalysisTab = lazy(() => import('../../features/analysis').then((m) => ({ default: m.AnalysisTab })));

/** The tabs a role sees: 振り返り (PDCA) is not for observers; the 自己評価シート is read like the plan. */
export function visibleTabs(access: Access): EngagementTab[] {
  const tabs: EngagementTab[] = ['hearing', 'tree', 'actions', 'roadmap'];
  if (can(access, 'pdca.read')) tabs.push('review');
  if (can(access, 'self_evaluation.read')) tabs.push('evaluation');
  if (can(access, 'analysis.read')) tabs.push('analysis');
  return tabs;
}

function TabPanel({ tab, engagement, access }: { tab: EngagementTab; engagement: EngagementDetail; access: Access }) {
  const { t } = useTranslation(['common', 'engagements']);
  switch (tab) {
    case 'hearing':
      return <HearingTab engagement={engagement} access={access} />;
    case 'tree':
      return (
        <Suspense fallback={<Loading label={t('tree.loading')} />}>
          <LogicTreeTab engagementId={engagement.id} readOnly={!can(access, 'tree.edit')} access={access} />
        </Suspense>
      );
    case 'actions':
      return <ActionsTab engagement={engagement} access={access} />;
    case 'roadmap':
      return <RoadmapTab engagement={engagement} access={access} />;
    case 'review':
      return <PdcaTab engagement={engagement} access={access} />;
    case 'evaluation':
      return <SelfEvaluationTab engagement={engagement} access={access} />;
    case 'analysis':
      return (
        <Suspense fallback={<Loading />}>
          <AnalysisTab engagement={engagement} />
        </Suspense>
      );
  }
}

function EngagementView({ engagement, tab, me }: { engagement: EngagementDetail; tab: EngagementTab | null; me: Me }) {
  const { t } = useTranslation(['common', 'engagements']);
  const access: Access = { userId: me.user.id, role: engagement.myRole };
  const tabs = visibleTabs(access);
  const live = useEngagementLive(engagement.id);
  const active = tab && tabs.includes(tab) ? tab : 'hearing';
  useDocumentTitle(`${engagement.municipality.name} · ${t(`engagements:engagement.tab.${active}`)}`, t('app.name'));

  // The address names no tab (or one this role does not see): show it as the hearing tab's. Only
  // while the address is still the one rendered — a tab chosen meanwhile (a quick click on a slow
  // machine, before this effect ran) must not be sent back to the hearing.
  const renderedAt = useLocation().pathname;
  useEffect(() => {
    if (tab !== active && window.location.pathname === renderedAt) navigate(paths.engagement(engagement.id, active), { replace: true });
  }, [tab, active, engagement.id, renderedAt]);

  return (
    <div className={`page page--engagement${access.role === 'observer' ? ' page--readonly' : ''}`}>
      <EngagementHeader engagement={engagement} access={access} presence={live.presence} />
      <TabList
        idPrefix="engagement"
        label={t('engagements:engagement.tabs')}
        active={active}
        items={tabs.map((id) => ({ id, label: t(`engagements:engagement.tab.${id}`), href: paths.engagement(engagement.id, id) }))}
      />
      <div className="tab-panel" role="tabpanel" id="engagement-panel" aria-labelledby={`engagement-tab-${active}`}>
        <ErrorBoundary resetKey={active}>
          <TabPanel tab={active} engagement={engagement} access={access} />
        </ErrorBoundary>
      </div>
    </div>
  );
}

export function EngagementPage({ id, tab, me }: { id: string; tab: EngagementTab | null; me: Me }) {
  const { t } = useTranslation(['common', 'engagements']);
  const engagement = useEngagement(id);
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('nav.breadcrumb')}>
        <Link href={paths.home()}>{t('nav.engagements')}</Link>
        {engagement.data ? (
          <>
            <span aria-hidden="true"> › </span>
            <span aria-current="page">{engagement.data.municipality.name}</span>
          </>
        ) : null}
      </nav>
      <QueryView query={engagement}>{(data) => <EngagementView engagement={data} tab={tab} me={me} />}</QueryView>
    </>
  );
}
