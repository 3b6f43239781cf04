import { problemCodes } from '@banso/shared';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n';
import { ApiError } from '../../lib/api-error';
import { describeError } from './error-message';

const t = createI18n('ja').getFixedT('ja', 'common');

describe('describeError', () => {
  it('explains each kind of failure in plain Japanese', () => {
    expect(describeError(new ApiError({ status: 0, code: 'network', detail: 'x' }), t).message).toContain('サーバーに接続できません');
    expect(describeError(new ApiError({ status: 403, detail: 'x' }), t).message).toBe('この操作を行う権限がありません。');
    expect(describeError(new ApiError({ status: 404, detail: 'x' }), t).message).toContain('見つかりません');
    expect(describeError(new ApiError({ status: 412, detail: 'x' }), t).message).toContain('他の人が先に変更しました');
    expect(describeError(new ApiError({ status: 500, detail: 'secret' }), t)).toMatchObject({ message: t('error.server'), detail: null });
    expect(describeError(new Error('boom'), t)).toMatchObject({ message: t('error.unexpected'), detail: 'boom' });
  });

  it('lists field errors without the body. prefix', () => {
    const d = describeError(
      new ApiError({ status: 400, detail: 'Invalid', errors: [{ path: 'body.rationale', message: 'A rationale is required' }] }),
      t,
    );
    expect(d.message).toBe('入力内容を確認してください。');
    expect(d.fields).toEqual(['rationale: A rationale is required']);
  });

  it('gives the reason of every refusal the api can send in both languages, not the server’s English', () => {
    const en = createI18n('en').getFixedT('en', 'common');
    for (const code of problemCodes) {
      expect(t(`problem.${code}`), code).not.toBe(`problem.${code}`);
      expect(en(`problem.${code}`), code).not.toBe(`problem.${code}`);
    }
    const refused = describeError(
      new ApiError({ status: 409, code: 'measurement_exists', detail: 'The plan already has a value for 2026-07' }),
      t,
    );
    expect(refused.detail).toBe('この時期の測定値はすでに記録されています。訂正する場合は既存の値を編集してください。');
    expect(describeError(new ApiError({ status: 413, code: 'tree_too_large', detail: 'At most 10 nodes' }), t).detail).toContain('上限');
  });
});
