import { describe, expect, it } from 'vitest';
import { revisionSummary } from './revision-summary';
import { jaText } from './test-fixtures';

describe('revision summary', () => {
  it('reads the server form in Japanese, never the English words', () => {
    expect(revisionSummary('add 2, update 1')?.map(jaText)).toEqual(['2件追加', '1件変更']);
    expect(revisionSummary('import 18 nodes')?.map(jaText)).toEqual(['18件のノードを取り込み']);
  });

  it('leaves a summary of another form to be shown as it came', () => {
    expect(revisionSummary('restored from backup')).toBeNull();
  });
});
