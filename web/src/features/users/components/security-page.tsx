import type { Me, TotpEnrolment } from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirmTotpEnrolment, useDisableTotp, useRenewRecoveryCodes, useStartTotpEnrolment } from '../../../api/auth/two-factor';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Field } from '../../../components/ui/field';
import { Notice } from '../../../components/ui/feedback';
import { Toast } from '../../../components/ui/toast';
import { Link } from '../../../components/ui/link';
import { paths } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { serverFieldError } from './password-fields';

/** A 6-digit code input (the phone shows the number pad; password managers may fill it). */
function CodeInput({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  return (
    <input
      id={id}
      name="code"
      autoComplete="one-time-code"
      inputMode="numeric"
      pattern="[0-9 ]*"
      maxLength={7}
      required
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

const codeReady = (code: string) => /^\d{6}$/.test(code.replace(/\s+/g, ''));

/** The recovery codes, shown once, with copy and print. */
function RecoveryCodesCard({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation('users');
  const id = useId();
  const [toast, setToast] = useState<string | null>(null);
  return (
    <section className="card security__codes" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('security.codesTitle')}</h2>
      <p>{t('security.codesLead')}</p>
      <ol className="security__code-list" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <div className="toolbar no-print">
        <button
          type="button"
          className="btn btn--secondary btn--small"
          onClick={() => void navigator.clipboard?.writeText(codes.join('\n')).then(() => setToast(t('security.copied')))}
        >
          {t('security.copy')}
        </button>
        <button type="button" className="btn btn--secondary btn--small" onClick={() => window.print()}>
          {t('security.print')}
        </button>
        <button type="button" className="btn btn--primary btn--small" onClick={onDone}>
          {t('security.codesDone')}
        </button>
      </div>
      <Toast message={toast} onDismiss={() => setToast(null)} />
    </section>
  );
}

/** Scan (or type) the secret, then confirm with a current code; only then is two-factor on. */
function Enrol({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
  const { t } = useTranslation('users');
  const id = useId();
  const start = useStartTotpEnrolment();
  const confirm = useConfirmTotpEnrolment();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  if (!enrolment)
    return (
      <div>
        {start.error ? <ErrorMessage error={start.error} /> : null}
        <button
          type="button"
          className="btn btn--primary"
          disabled={start.isPending}
          onClick={() => start.mutate(undefined, { onSuccess: setEnrolment })}
        >
          {t('security.start')}
        </button>
      </div>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate(code, {
      onSuccess: (r) => {
        setEnrolment(null);
        setCode('');
        onEnabled(r.recoveryCodes);
      },
      onError: () => setCode(''),
    });
  };
  const wrong = serverFieldError(confirm.error, 'body.code') ? t('security.codeWrong') : null;
  return (
    <form className="security__enrol" onSubmit={submit} noValidate aria-labelledby={`${id}-step1`}>
      <p id={`${id}-step1`}>{t('security.step1')}</p>
      <img
        className="security__qr"
        src={`data:image/svg+xml;utf8,${encodeURIComponent(enrolment.qrSvg)}`}
        alt={t('security.qrAlt')}
        width={200}
        height={200}
      />
      <p>{t('security.manual')}</p>
      <p>
        {t('security.secret')}:{' '}
        <code className="security__secret" data-testid="totp-secret">
          {enrolment.secretGroups.join(' ')}
        </code>
      </p>
      <p className="field__hint">{t('security.account', { account: enrolment.account, issuer: enrolment.issuer })}</p>
      <p>{t('security.step2')}</p>
      {confirm.error && !wrong ? <ErrorMessage error={confirm.error} /> : null}
      <Field id={`${id}-code`} label={t('security.code')} error={wrong} required>
        <CodeInput id={`${id}-code`} value={code} onChange={setCode} />
      </Field>
      <div className="toolbar">
        <button type="submit" className="btn btn--primary" disabled={confirm.isPending || !codeReady(code)}>
          {t('security.confirm')}
        </button>
        <button type="button" className="btn btn--ghost" onClick={() => setEnrolment(null)}>
          {t('security.cancel')}
        </button>
      </div>
    </form>
  );
}

/** New recovery codes for a current code. */
function Renew({ onRenewed }: { onRenewed: (codes: string[]) => void }) {
  const { t } = useTranslation('users');
  const id = useId();
  const renew = useRenewRecoveryCodes();
  const [code, setCode] = useState('');
  const wrong = serverFieldError(renew.error, 'body.code') ? t('security.codeWrong') : null;
  return (
    <form
      className="card"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        renew.mutate(code, { onSuccess: (r) => onRenewed(r.recoveryCodes), onSettled: () => setCode('') });
      }}
    >
      <h2 id={`${id}-title`}>{t('security.renew')}</h2>
      <p>{t('security.renewLead')}</p>
      {renew.error && !wrong ? <ErrorMessage error={renew.error} /> : null}
      <Field id={`${id}-code`} label={t('security.code')} error={wrong} required>
        <CodeInput id={`${id}-code`} value={code} onChange={setCode} />
      </Field>
      <button type="submit" className="btn btn--secondary" disabled={renew.isPending || !codeReady(code)}>
        {t('security.renewSubmit')}
      </button>
    </form>
  );
}

/** Off with the password and a current code, after a confirmation. */
function Disable({ onDisabled }: { onDisabled: () => void }) {
  const { t } = useTranslation('users');
  const id = useId();
  const disable = useDisableTotp();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [confirming, setConfirming] = useState(false);
  const wrongPassword = serverFieldError(disable.error, 'body.password') ? t('security.passwordWrong') : null;
  const wrongCode = serverFieldError(disable.error, 'body.code') ? t('security.codeWrong') : null;
  return (
    <form
      className="card"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        setConfirming(true);
      }}
    >
      <h2 id={`${id}-title`}>{t('security.disable')}</h2>
      <p>{t('security.disableLead')}</p>
      {disable.error && !wrongPassword && !wrongCode ? <ErrorMessage error={disable.error} /> : null}
      <Field id={`${id}-password`} label={t('security.password')} error={wrongPassword} required>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      <Field id={`${id}-code`} label={t('security.code')} error={wrongCode} required>
        <CodeInput id={`${id}-code`} value={code} onChange={setCode} />
      </Field>
      <button type="submit" className="btn btn--danger" disabled={disable.isPending || !password || !codeReady(code)}>
        {t('security.disableSubmit')}
      </button>
      <ConfirmDialog
        open={confirming}
        title={t('security.disableConfirmTitle')}
        body={t('security.disableConfirmBody')}
        confirmLabel={t('security.disableSubmit')}
        cancelLabel={t('security.cancel')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          disable.mutate(
            { password, code: code.replace(/\s+/g, '') },
            {
              onSuccess: () => {
                setPassword('');
                setCode('');
                onDisabled();
              },
              onError: () => setCode(''),
            },
          );
        }}
      />
    </form>
  );
}

/** 「2段階認証」: enrol (QR, confirm), recovery codes shown once, renew, disable. Required accounts land here. */
export function SecurityPage({ me }: { me: Me }) {
  const { t } = useTranslation(['users', 'common']);
  useDocumentTitle(t('security.title'), t('common:app.name'));
  const id = useId();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  const tf = me.twoFactor;
  return (
    <div className="page security">
      <h1>{t('security.title')}</h1>
      <p>{t('security.lead')}</p>
      <p>
        <Link href={paths.password()}>{t('nav.password')}</Link>
      </p>
      {tf.enrolmentRequired ? <Notice tone="warning">{t('security.required')}</Notice> : null}
      {codes ? (
        <RecoveryCodesCard codes={codes} onDone={() => setCodes(null)} />
      ) : (
        <>
          <section className="card" aria-labelledby={`${id}-status`}>
            <h2 id={`${id}-status`} data-testid="two-factor-status">
              {t(tf.enabled ? 'security.on' : 'security.off')}
            </h2>
            {tf.enabled ? (
              <p>{t('security.recoveryLeft', { n: tf.recoveryCodesLeft })}</p>
            ) : (
              <Enrol
                onEnabled={(c) => {
                  setCodes(c);
                  setToast(t('security.enabled'));
                }}
              />
            )}
          </section>
          {tf.enabled ? (
            <>
              <Renew onRenewed={setCodes} />
              <Disable onDisabled={() => setToast(t('security.disabled'))} />
            </>
          ) : null}
        </>
      )}
      <Toast message={toast} onDismiss={() => setToast(null)} />
    </div>
  );
}
