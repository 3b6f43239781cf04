import { type CreateEvidenceBody, formatPeriod } from '@banso/shared';
import { useState, type FormEvent } from 'react';
import { useCreateEvidence } from '../../../../api/evidence/create-evidence';
import { useFindings } from '../../../../api/findings/get-findings';
import { useIndicatorValues } from '../../../../api/indicators/get-indicator-values';
import { isApiError } from '../../../../lib/api-error';
import { useTreeText } from '../use-tree-text';

type EvidenceMode = 'indicator_value' | 'finding' | 'text';

/** What the user has chosen or typed in the form; kept by the section, so closing the form does not lose it. */
export function useEvidenceDraft() {
  const [mode, setMode] = useState<EvidenceMode>('indicator_value');
  const [choice, setChoice] = useState('');
  const [text, setText] = useState('');
  const [source, setSource] = useState('');
  return { mode, setMode, choice, setChoice, text, setText, source, setSource };
}

export type EvidenceDraft = ReturnType<typeof useEvidenceDraft>;

interface EvidenceFormProps {
  name: string;
  engagementId: string;
  nodeId: string;
  draft: EvidenceDraft;
  onClose: () => void;
}

/** Attaches an indicator value, a hearing finding or a free text to the node. */
export function EvidenceForm({ name, engagementId, nodeId, draft, onClose }: EvidenceFormProps) {
  const { t, locale } = useTreeText();
  const { mode, setMode, choice, setChoice, text, setText, source, setSource } = draft;
  const create = useCreateEvidence(engagementId, nodeId);
  const indicatorValues = useIndicatorValues(engagementId, mode === 'indicator_value');
  const findings = useFindings(engagementId, mode === 'finding');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    let body: CreateEvidenceBody;
    if (mode === 'text') {
      if (text.trim() === '') return;
      body = { kind: 'text', text: text.trim(), source: source.trim() };
    } else {
      if (choice === '') return;
      body = mode === 'finding' ? { kind: 'finding', findingId: choice } : { kind: 'indicator_value', indicatorValueId: choice };
    }
    create.mutate(body, {
      onSuccess: () => {
        setChoice('');
        setText('');
        setSource('');
        onClose();
      },
    });
  };

  return (
    <form className="lt-evidence-form" onSubmit={submit}>
      <div className="lt-segmented" role="radiogroup" aria-label={t('panel.evidenceAdd')}>
        {(['indicator_value', 'finding', 'text'] as const).map((m) => (
          <label key={m} className={`lt-segmented__item${mode === m ? ' is-on' : ''}`}>
            <input
              type="radio"
              name={name}
              checked={mode === m}
              onChange={() => {
                setMode(m);
                setChoice('');
              }}
            />
            {t(`panel.evidenceKind.${m}`)}
          </label>
        ))}
      </div>
      {mode === 'indicator_value' && (
        <select
          className="lt-input"
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
          aria-label={t('panel.evidenceChooseIndicator')}
        >
          <option value="">{indicatorValues.isPending ? t('panel.evidenceLoading') : t('panel.evidenceChooseIndicator')}</option>
          {indicatorValues.data?.items.map((v) => (
            <option key={v.id} value={v.id}>
              {t('evidence.option', { name: v.name, value: v.value, unit: v.unit, period: formatPeriod(v.period, locale) })}
            </option>
          ))}
        </select>
      )}
      {mode === 'finding' && (
        <select
          className="lt-input"
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
          aria-label={t('panel.evidenceChooseFinding')}
        >
          <option value="">{findings.isPending ? t('panel.evidenceLoading') : t('panel.evidenceChooseFinding')}</option>
          {findings.data?.map((f) => (
            <option key={f.id} value={f.id}>
              {f.text.length > 60 ? t('evidence.ellipsis', { text: f.text.slice(0, 60) }) : f.text}
            </option>
          ))}
        </select>
      )}
      {mode === 'text' && (
        <>
          <label className="lt-field">
            <span className="lt-field__label">{t('panel.evidenceText')}</span>
            <textarea className="lt-input" rows={2} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          <label className="lt-field">
            <span className="lt-field__label">{t('panel.evidenceSource')}</span>
            <input className="lt-input" maxLength={200} value={source} onChange={(e) => setSource(e.target.value)} />
          </label>
        </>
      )}
      {create.isError && (
        <p className="lt-panel__error" role="alert">
          {t('panel.evidenceError', { detail: isApiError(create.error) ? create.error.detail : String(create.error) })}
        </p>
      )}
      <div className="lt-dialog__actions">
        <button type="button" className="lt-button" onClick={onClose}>
          {t('confirm.cancel')}
        </button>
        <button type="submit" className="lt-button lt-button--primary" disabled={create.isPending}>
          {t('panel.evidenceAttach')}
        </button>
      </div>
    </form>
  );
}
