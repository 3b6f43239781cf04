/**
 * The engagement workbook's round trip (issue 17.1) in Chromium against the real API: the municipal
 * member downloads the engagement workbook, it is edited offline (by exceljs here: a new measurement
 * typed into an empty row), uploaded under 「Excelから取り込む」; the preview lists the added row with
 * its sheet and row and a conflict (a node renamed in Bansō meanwhile) with a choice, the member takes the
 * workbook's value and confirms, and the new measurement appears on the roadmap's chart.
 * A screenshot of the preview goes to /tmp/roundtrip-ja.png to be looked at.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { demo, visible } from './support/browser';
import { engagementIdOf, useJourney } from './support/journey';

const journey = useJourney();

function column(ws: ExcelJS.Worksheet, header: string): number {
  let found = 0;
  ws.getRow(1).eachCell((c, n) => {
    if (c.value === header) found = n;
  });
  return found;
}

describe('the engagement workbook round trip', () => {
  it('a municipal member downloads the workbook, uploads it edited, confirms the difference and sees the new measurement on the chart', async () => {
    const { page, errors } = await journey.session(demo.midori, { width: 1440, height: 900 });
    const id = await engagementIdOf(page, 'みどり区');
    await page.goto(`/reports/${id}`);

    // Download the engagement workbook.
    const box = page.locator('.export', { has: page.getByRole('button', { name: 'Excelを作成' }) }).first();
    await box.getByRole('button', { name: 'Excelを作成' }).click();
    const link = box.getByRole('link', { name: /ダウンロード/ });
    await visible(link, 60_000);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(await readFile((await download.path())!)).buffer);

    // Offline: a value for January 2026 typed into the 測定値 sheet under an existing plan.
    const plans = wb.getWorksheet('検証方法')!;
    const plan = plans.getRow(2);
    const action = String(plan.getCell(column(plans, '取組')).value);
    const indicator = String(plan.getCell(column(plans, '指標')).value);
    const values = wb.getWorksheet('測定値')!;
    const added = values.addRow([action, indicator, new Date(Date.UTC(2026, 0, 1)), 42, '', 'Excelで入力']);
    // …and a node renamed in the workbook that an advisor renames in Bansō meanwhile: a conflict.
    const tree = wb.getWorksheet('ロジックツリー')!;
    const nodeId = String(tree.getRow(3).getCell(column(tree, 'banso:id')).value);
    tree.getRow(3).getCell(column(tree, '項目')).value = 'Excelでの見出し';
    const renamed = await page.evaluate(
      async ([engagementId, node]) => {
        const me = await (await fetch('/api/auth/me')).json();
        const { revision } = await (await fetch(`/api/engagements/${engagementId}/tree`)).json();
        const res = await fetch(`/api/engagements/${engagementId}/tree/operations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, 'if-match': `"${revision}"` },
          body: JSON.stringify({ operations: [{ op: 'update', id: node, title: 'Bansōでの見出し' }] }),
        });
        return res.status;
      },
      [id, nodeId] as const,
    );
    expect(renamed).toBe(200);
    const file = path.join(tmpdir(), `roundtrip-${Date.now()}.xlsx`);
    await writeFile(file, Buffer.from(await wb.xlsx.writeBuffer()));

    const section = page.getByTestId('workbook-import');
    await section.getByTestId('workbook-file').setInputFiles(file);
    await section.getByRole('button', { name: '読み込んで確認' }).click();
    const preview = section.getByTestId('workbook-preview');
    await visible(preview.getByText('変更 0 件・追加 1 件・削除 0 件・競合 1 件'));
    await visible(preview.getByTestId('workbook-added').getByText(`測定値 ${added.number}行`, { exact: false }));
    const conflict = preview.getByTestId('workbook-conflicts').locator('tr[data-key="tree!D3"]');
    await visible(conflict.getByText('Bansōでの見出し'));
    // Bansō's value stays unless chosen: the member takes the workbook's.
    expect(await conflict.getByRole('radio', { name: 'Bansōの値を残す' }).isChecked()).toBe(true);
    await conflict.getByRole('radio', { name: 'Excelの値にする' }).check();
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/roundtrip-ja.png', fullPage: true });

    await section.getByRole('button', { name: '確認した内容で取り込む' }).click();
    await visible(section.getByText(/取り込みました（変更 1 件・追加 1 件/));
    const treeNow = await page.evaluate(async (engagementId) => (await fetch(`/api/engagements/${engagementId}/tree`)).json(), id);
    expect(treeNow.nodes.find((n: { id: string }) => n.id === nodeId).title).toBe('Excelでの見出し');

    // The roadmap: the plan's chart now counts the new value as its latest.
    await page.goto(`/engagements/${id}/roadmap`);
    await page
      .getByRole('button', { name: new RegExp(action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
      .first()
      .click();
    const chart = page.getByRole('img', { name: new RegExp(`${indicator} の推移.*令和8年1月: 42`) });
    await visible(chart);
    expect(errors).toEqual([]);
  });
});
