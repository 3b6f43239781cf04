import type { Me } from '@banso/shared';
import { Notice } from '../../components/ui/feedback';
import { QueryView } from '../../components/ui/query-view';
import { PortfolioTable, usePortfolio } from '../../features/portfolio';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useTranslation } from 'react-i18next';

function Portfolio() {
  const portfolio = usePortfolio();
  return <QueryView query={portfolio}>{(data) => <PortfolioTable items={data.items} />}</QueryView>;
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
      {me.user.isProgramOffice ? <Portfolio /> : <Notice tone="warning">{t('portfolio.forbidden')}</Notice>}
    </div>
  );
}
