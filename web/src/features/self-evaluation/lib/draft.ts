import type { SelfEvaluationDirection, SelfEvaluationItem, SelfEvaluationMark, UpdateSelfEvaluationBody } from '@banso/shared';

/** The form's fields as typed (numbers as text, an empty choice as ''). */
export interface ItemDraft {
  theme: string;
  title: string;
  indicatorId: string;
  indicatorName: string;
  unit: string;
  targetValue: string;
  actualValue: string;
  mark: SelfEvaluationMark | '';
  comment: string;
  direction: SelfEvaluationDirection | '';
  directionText: string;
  actionIds: string[];
}

const text = (n: number | null) => (n === null ? '' : String(n));

export function draftOf(item: SelfEvaluationItem | null): ItemDraft {
  return {
    theme: item?.theme ?? '',
    title: item?.title ?? '',
    indicatorId: item?.indicator?.id ?? '',
    indicatorName: item?.indicatorName ?? '',
    unit: item?.unit ?? '',
    targetValue: text(item?.targetValue ?? null),
    actualValue: text(item?.actualValue ?? null),
    mark: item?.mark ?? '',
    comment: item?.comment ?? '',
    direction: item?.direction ?? '',
    directionText: item?.directionText ?? '',
    actionIds: item?.actionIds ?? [],
  };
}

/**
 * A typed number: '' → null; digits with a decimal point, thousands separators or full-width digits →
 * the number; anything else → undefined (not a number).
 */
export function parseNumber(input: string): number | null | undefined {
  const s = input
    .trim()
    .replace(/[\uff10-\uff19\uff0e\uff0d]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/,/g, '');
  if (s === '') return null;
  if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  return Number(s);
}

/** The body of a create or a PATCH (every field: the form shows them all). Call after parseNumber accepted both numbers. */
export function toBody(d: ItemDraft): Required<UpdateSelfEvaluationBody> & { title: string } {
  return {
    theme: d.theme.trim(),
    title: d.title.trim(),
    indicatorId: d.indicatorId || null,
    indicatorName: d.indicatorName.trim(),
    unit: d.unit.trim(),
    targetValue: parseNumber(d.targetValue) ?? null,
    actualValue: parseNumber(d.actualValue) ?? null,
    mark: d.mark || null,
    comment: d.comment,
    direction: d.direction || null,
    directionText: d.directionText,
    actionIds: d.actionIds,
  };
}
