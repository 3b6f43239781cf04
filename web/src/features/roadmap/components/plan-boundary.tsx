import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * One plan card's error boundary: a plan that cannot be drawn (bad data, a bug in the chart) fails
 * alone, and `fallback` — which offers the plan's edit form — replaces only that card, so the plan
 * can still be repaired. `resetKey` (the plan's version) clears the error once the plan changes.
 */
export class PlanBoundary extends Component<
  { children: ReactNode; resetKey: string; fallback: (error: Error) => ReactNode },
  { error: Error | null }
> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('Plan card render error', error, info.componentStack);
  }

  override componentDidUpdate(prev: { resetKey: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}
