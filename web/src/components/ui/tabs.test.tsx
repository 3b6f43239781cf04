// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n';
import { TabList } from './tabs';

const items = [
  { id: 'hearing', label: 'ヒアリング', href: '/engagements/e/hearing' },
  { id: 'tree', label: 'ロジックツリー', href: '/engagements/e/tree' },
  { id: 'roadmap', label: 'ロードマップ', href: '/engagements/e/roadmap' },
];

function renderTabs(active: string) {
  return render(
    <I18nProvider initialLocale="ja">
      <TabList items={items} active={active} label="案件の画面" idPrefix="t" />
    </I18nProvider>,
  );
}

afterEach(cleanup);

describe('TabList', () => {
  it('marks the active tab and keeps only it in the tab order', () => {
    renderTabs('tree');
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(['false', 'true', 'false']);
    expect(tabs.map((t) => t.tabIndex)).toEqual([-1, 0, -1]);
    expect(screen.getByRole('tablist').getAttribute('aria-label')).toBe('案件の画面');
  });

  it('moves with the arrow keys, wrapping around, and with Home/End', () => {
    window.history.replaceState(null, '', '/engagements/e/hearing');
    renderTabs('hearing');
    const [hearing, tree, roadmap] = screen.getAllByRole('tab');
    act(() => hearing!.focus());
    fireEvent.keyDown(hearing!, { key: 'ArrowRight' });
    expect(window.location.pathname).toBe('/engagements/e/tree');
    expect(document.activeElement).toBe(tree);
    fireEvent.keyDown(tree!, { key: 'ArrowLeft' });
    fireEvent.keyDown(hearing!, { key: 'ArrowLeft' });
    expect(window.location.pathname).toBe('/engagements/e/roadmap');
    expect(document.activeElement).toBe(roadmap);
    fireEvent.keyDown(roadmap!, { key: 'Home' });
    expect(window.location.pathname).toBe('/engagements/e/hearing');
  });

  it('navigates on a plain click without reloading the page', () => {
    renderTabs('hearing');
    const roadmap = screen.getByRole('tab', { name: 'ロードマップ' });
    const notPrevented = fireEvent.click(roadmap);
    expect(notPrevented).toBe(false);
    expect(window.location.pathname).toBe('/engagements/e/roadmap');
  });
});
