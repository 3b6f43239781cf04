import { formatDate, formatFiscalYear, formatPeriod, type Home, type HomeItem } from '@banso/shared';
import { useTranslation } from 'react-i18next';
import { Badge, EmptyState } from '../../../components/ui/feedback';
import { Link } from '../../../components/ui/link';
import { useLabels, useLocale } from '../../../i18n';
import { paths } from '../../../lib/router';

function hrefOf(item: HomeItem): string {
  if (item.target === 'applications' || item.engagementId === null) return paths.applications(item.programId);
  return paths.engagement(item.engagementId, item.target);
}

/**
 * The home's to-do list: what is the caller's to do, grouped by kind, overdue first, due dates in
 * 令和; each item opens the tab where it is done.
 */
export function HomeTodo({ home }: { home: Home }) {
  const { t } = useTranslation('engagements');
  const L = useLabels();
  const { locale } = useLocale();
  return (
    <section className="home-todo" aria-labelledby="home-todo-title">
      <h2 id="home-todo-title" className="home-todo__title">
        {t('home.title')}
      </h2>
      {home.groups.length === 0 ? (
        <EmptyState>{t('home.empty')}</EmptyState>
      ) : (
        <div className="home-todo__groups">
          {home.groups.map((group) => (
            <section key={group.kind} className="home-todo__group" aria-labelledby={`home-kind-${group.kind}`}>
              <h3 id={`home-kind-${group.kind}`} className="home-todo__kind">
                {L.homeItemKind[group.kind]}
                <span className="home-todo__count">{t('home.count', { count: group.total })}</span>
              </h3>
              <ul className="home-todo__items">
                {group.items.map((item) => (
                  <li key={`${item.kind}-${item.id}`} className={`home-todo__item${item.overdue ? ' home-todo__item--overdue' : ''}`}>
                    <Link className="home-todo__link" href={hrefOf(item)}>
                      {item.title}
                    </Link>
                    <span className="home-todo__meta">
                      <span className="home-todo__municipality">{item.municipality.name}</span>
                      {item.target === 'applications' ? <span>{formatFiscalYear(item.fiscalYear, locale)}</span> : null}
                      {item.period ? <span>{t('home.period', { period: formatPeriod(item.period, locale) })}</span> : null}
                      {item.due ? (
                        <span className="home-todo__due">
                          {t(item.kind === 'visit' ? 'home.on' : 'home.due', { date: formatDate(item.due, locale) })}
                        </span>
                      ) : null}
                      {item.overdue ? <Badge tone="danger">{t('home.overdue')}</Badge> : null}
                    </span>
                  </li>
                ))}
              </ul>
              {group.total > group.items.length ? (
                <p className="home-todo__more">{t('home.more', { count: group.total - group.items.length })}</p>
              ) : null}
            </section>
          ))}
        </div>
      )}
    </section>
  );
}
