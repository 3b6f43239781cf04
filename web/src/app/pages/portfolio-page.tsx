import { fiscalYearOf, type Me, type Program, todayInJapan } from '@banso/shared';
import { useState } from 'react';
import { Notice } from '../../components/ui/feedback';
import { QueryView } from '../../components/ui/query-view';
import {
  defaultPortfolioFilter,
  PortfolioFilterBar,
  portfolioQueryOf,
  PortfolioTable,
  usePortfolio,
  ObservationRequests,
  usePrograms,
} from '../../features/portfolio';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useTranslation } from 'react-i18next';

function Portfolio({ programs }: { programs: readonly Program[] }) {
  const [filter, setFilter] = useState(() => defaultPortfolioFilter(programs, fiscalYearOf(todayInJapan())));
  const portfolio = usePortfolio(portfolioQueryOf(filter));
  return (
    <>
      <PortfolioFilterBar programs={programs} value={filter} onChange={setFilter} />
      <QueryView query={portfolio}>{(data) => <PortfolioTable items={data.items} />}</QueryView>
      {programs.map((p) => (
        <ObservationRequests key={p.id} program={p} />
      ))}
    </>
  );
}

function AdministeredPrograms() {
  const programs = usePrograms();
  return <QueryView query={programs}>{(list) => <Portfolio programs={list.filter((p) => p.administered)} />}</QueryView>;
}

export function PortfolioPage({ me }: { me: Me }) {
  const { t } = useTranslation(['portfolio', 'common']);
  useDocumentTitle(t('portfolio.title'), t('common:app.name'));
  return (
    <div className="page">
      <div className="page__head">
        <div>
          <h1 className="page__title">{t('portfolio.title')}</h1>
          <p className="page__lead">{t('portfolio.lead')}</p>
        </div>
      </div>
      {me.user.isProgramOffice ? <AdministeredPrograms /> : <Notice tone="warning">{t('portfolio.forbidden')}</Notice>}
    </div>
  );
}
