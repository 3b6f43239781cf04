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
});
