import type { RoadmapItem } from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { MonthField } from '../../../components/ui/month-field';
import { Notice } from '../../../components/ui/feedback';
import { useTranslation } from 'react-i18next';
import { usePutRoadmapItem } from '../../../api/roadmap/put-roadmap-item';

/** Sets the action's span (start and end month) on the roadmap; advisor only. */
export function SpanForm({
  engagementId,
  actionId,
  item,
  defaultMonth,
  today,
}: {
  engagementId: string;
  actionId: string;
  item: RoadmapItem | null;
  defaultMonth: string;
  today: string;
}) {
  const { t } = useTranslation(['roadmap', 'common']);
  const id = useId();
  const put = usePutRoadmapItem(engagementId);
  const [start, setStart] = useState(item?.startMonth ?? defaultMonth);
  const [end, setEnd] = useState(item?.endMonth ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (!/^\d{4}-\d{2}$/.test(start) || !/^\d{4}-\d{2}$/.test(end) || end < start) {
      setError(t('roadmap.span.order'));
      return;
    }
    setError(null);
    put.mutate(
      { actionId, body: { startMonth: start, endMonth: end }, version: item?.version ?? null },
      { onSuccess: () => setSaved(true) },
    );
  };

  return (
    <form className="inline-fields" onSubmit={submit} noValidate aria-label={t('roadmap.span.title')}>
      <MonthField id={`${id}-start`} label={t('roadmap.span.start')} required value={start} onChange={setStart} today={today} />
      <MonthField id={`${id}-end`} label={t('roadmap.span.end')} required value={end} onChange={setEnd} today={today} error={error} />
      <button type="submit" className="btn btn--primary" disabled={put.isPending}>
        {put.isPending ? t('common:common.saving') : t('roadmap.span.submit')}
      </button>
      {put.error ? <ErrorMessage error={put.error} /> : null}
      {saved && !put.error ? <Notice tone="success">{t('roadmap.span.saved')}</Notice> : null}
    </form>
  );
}
