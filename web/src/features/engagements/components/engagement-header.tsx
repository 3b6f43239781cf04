import type { Access, EngagementDetail, PresenceEntry } from '@banso/shared';
import { ReadOnlyBadge } from '../../../components/ui/feedback';
import { formatFiscalYear } from '@banso/shared';
import { EngagementStatusBadge } from './status-badge';
import { PresenceList } from './presence-list';
import { StatusControl } from './status-control';
import { EngagementManage } from '../../admin/components/engagement-manage';
import { useTranslation } from 'react-i18next';
import { useLabels, useLocale } from '../../../i18n';

export function EngagementHeader({
  engagement,
  access,
  presence = [],
}: {
  engagement: EngagementDetail;
  access: Access;
  /** Who has the engagement open now (the live stream). */
  presence?: readonly PresenceEntry[];
}) {
  const { t } = useTranslation('engagements');
  const { t: ta } = useTranslation('admin');
  const L = useLabels();
  const { locale } = useLocale();
  const m = engagement.municipality;
  const readOnly = access.role === 'observer';
  return (
    <header className="engagement-header">
      <div className="engagement-header__main">
        <p className="engagement-header__eyebrow">
          {formatFiscalYear(engagement.fiscalYear, locale)}
          {engagement.program.planPeriod ? ta('header.planPeriod', { period: engagement.program.planPeriod }) : ''} ·{' '}
          {L.category[m.category]} · {engagement.program.name}
        </p>
        <h1 className="engagement-header__title">
          {m.name}
          <span className="engagement-header__theme">{engagement.theme}</span>
        </h1>
        <div className="engagement-header__badges">
          <EngagementStatusBadge status={engagement.status} />
          <span className="engagement-header__role">
            {t('engagements.myRole')}: {L.role[access.role]}
          </span>
          {readOnly ? <ReadOnlyBadge /> : null}
        </div>
        <PresenceList presence={presence} />
        {engagement.desiredState ? (
          <div className="desired-state">
            <span className="desired-state__label">{t('engagement.desiredState')}</span>
            <p className="desired-state__text">{engagement.desiredState}</p>
          </div>
        ) : null}
      </div>
      <StatusControl engagement={engagement} access={access} />
      <EngagementManage engagement={engagement} access={access} />
    </header>
  );
}
