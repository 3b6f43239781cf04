import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function Fallback({ error, onReset }: { error: Error; onReset: () => void }) {
  const { t } = useTranslation('common');
  return (
    <div className="notice notice--error" role="alert">
      <div className="notice__body">
        <p className="notice__title">{t('error.boundary')}</p>
        <p className="notice__detail">{error.message}</p>
      </div>
      <div className="notice__action">
        <button type="button" className="btn btn--secondary btn--small" onClick={onReset}>
          {t('common.retry')}
        </button>
        <button type="button" className="btn btn--secondary btn--small" onClick={() => window.location.reload()}>
          {t('error.reloadPage')}
        </button>
      </div>
    </div>
  );
}

/** Catches render errors of its subtree and shows a message instead of a blank screen. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('Render error', error, info.componentStack);
  }

  override componentDidUpdate(prev: { resetKey?: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render() {
    if (this.state.error) return <Fallback error={this.state.error} onReset={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}
