/**
 * Issue 12 items 2 and 10, what the keyboard journey does not look at: the canvas opens on the goal
 * with its first two levels in view; the lines between nodes are hidden from assistive technology
 * (no "Edge from ‹uuid› to ‹uuid›"); the canvas does not move while an edit is saved (the toolbar
 * never reflows with the save status); a measure not yet adopted offers 「この取組を選定」, which
 * opens the action selection with that measure chosen.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demo, visible } from './support/browser';
import { engagementIdOf, useJourney, waitTreeSaved } from './support/journey';

const journey = useJourney();
const node = (page: Page, kind: string, title: string) => page.getByRole('group', { name: `${kind}: ${title}`, exact: true });

async function openTree(page: Page, municipality: string): Promise<string> {
  const id = await engagementIdOf(page, municipality);
  await page.goto(`/engagements/${id}/tree`);
  await page.waitForFunction(() => Number(document.body.dataset.treeReady) > 0, null, { timeout: 20_000 });
  await page.waitForTimeout(300);
  return id;
}

describe('the tree canvas', () => {
  it('opens on the goal with its first two levels inside the canvas', async () => {
    const { page, errors } = await journey.session(demo.morikawa, { width: 1440, height: 900 });
    await openTree(page, 'みどり区');
    const inside = await page.evaluate(() => {
      const stage = document.querySelector('.lt-canvas')!.getBoundingClientRect();
      return [...document.querySelectorAll<HTMLElement>('.react-flow__node')]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.left >= stage.left && r.right <= stage.right && r.top >= stage.top && r.bottom <= stage.bottom;
        })
        .map((el) => el.getAttribute('aria-label') ?? '');
    });
    const kinds = (prefix: string) => inside.filter((l) => l.startsWith(prefix)).length;
    expect(kinds('目指す姿: ')).toBe(1);
    expect(kinds('中間アウトカム: ')).toBe(2); // the goal's children
    expect(kinds('課題: ')).toBe(3); // and grandchildren
    expect(errors).toEqual([]);
  });

  it('hides the lines between nodes from assistive technology', async () => {
    const page = journey.sessions[0]!.page;
    const edges = await page.$$eval('.react-flow__edge', (els) =>
      els.map((el) => ({ hidden: el.closest('[aria-hidden="true"]') !== null, label: el.getAttribute('aria-label') ?? '' })),
    );
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.filter((e) => !e.hidden)).toEqual([]);
    expect(edges.some((e) => /[0-9a-f]{8}-[0-9a-f]{4}/.test(e.label))).toBe(false);
    // Nor are they focusable: Tab from a node leaves the canvas.
    expect(await page.locator('.react-flow__edge[tabindex="0"]').count()).toBe(0);
  });

  it('does not move while an edit is saved (dirty → saving → saved)', async () => {
    const page = journey.sessions[0]!.page;
    await node(page, '要因', '相談窓口が知られていない').click();
    // Record the canvas's top edge on every frame from the edit until the save has answered.
    await page.evaluate(() => {
      const w = window as unknown as { tops: number[]; recording: boolean };
      w.tops = [];
      w.recording = true;
      const stage = document.querySelector('.lt-stage')!;
      const frame = () => {
        w.tops.push(Math.round(stage.getBoundingClientRect().top + window.scrollY));
        if (w.recording) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    await page.keyboard.press('F2');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('相談窓口が区民に知られていない');
    await page.keyboard.press('Enter');
    await waitTreeSaved(page);
    const tops = await page.evaluate(() => {
      const w = window as unknown as { tops: number[]; recording: boolean };
      w.recording = false;
      return w.tops;
    });
    expect(tops.length).toBeGreaterThan(5);
    expect(Math.max(...tops) - Math.min(...tops)).toBe(0);
  });

  it('offers 「この取組を選定」 on a measure not adopted, which opens the selection with it chosen', async () => {
    const { page, errors } = journey.sessions[0]!;
    const measure = node(page, '取組案', '認知症対応型通所の整備誘導');
    await page.getByLabel('ノードを検索').fill('認知症対応型通所');
    await page.keyboard.press('Enter');
    await visible(measure);
    await measure.click();
    await measure.getByRole('link', { name: 'この取組を選定' }).click();
    await page.waitForURL(/\/actions\?node=/);
    const form = page.getByTestId('select-action-form');
    await visible(form);
    const chosen = await form.getByLabel(/^取組（ロジックツリーのノード）/).evaluate((el) => {
      const select = el as HTMLSelectElement;
      return select.selectedOptions[0]?.textContent ?? '';
    });
    expect(chosen).toContain('認知症対応型通所の整備誘導');
    expect(errors).toEqual([]);
  });
});
