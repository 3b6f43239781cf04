/**
 * The engagement workbook's round trip, as a pure rule (issue 17.1): the sheets of an uploaded
 * workbook (through grid-file) → typed rows, every bad cell named by sheet, row and column; then
 * each row compared with the record as it stands, by id and version, and with what was exported
 * (the hidden `_banso` sheet): unchanged, changed (from → to), added, removed, or a conflict
 * (exported, current, uploaded) when the cell changed both in Bansō and in the workbook.
 */
import { createHash } from 'node:crypto';
import {
  actionPriorities,
  actionStatuses,
  canMoveAction,
  type LabelLocale,
  labelLocales,
  labels,
  MAX_NODE_TITLE,
  milestoneStatuses,
  parsePeriod,
  type PolicyAction,
  terms,
  WORKBOOK_FORMAT,
  type WorkbookChange,
  type WorkbookConflict,
  type WorkbookEntity,
  type WorkbookPreview,
  type WorkbookRowChange,
  type WorkbookSheetKey,
  workbookSheetKeys,
} from '@banso/shared';
import type { FieldError } from '../../lib/errors.js';
import type { Cell as GridCell, Sheet } from '../../lib/grid-file.js';
import { type EditableRow, hiddenHeaders, META_SHEET, workbookSheets } from '../reports/exports/xlsx.js';

type Value = string | number | null;
type Terms = ReturnType<typeof terms>;
type Kind = 'text' | 'number' | 'month' | 'date' | 'enum' | 'partners';

interface FieldSpec {
  field: string;
  header: (t: Terms) => string;
  kind: Kind;
  required?: boolean;
  max?: number;
  /** The codes of an enum, read from the labels of either language or the code itself. */
  options?: readonly string[];
  optionLabels?: (l: ReturnType<typeof labels>) => Record<string, string>;
}

interface SheetSpec {
  key: WorkbookSheetKey;
  entity: WorkbookEntity;
  /** Index in workbookSheets(). */
  index: number;
  fields: FieldSpec[];
  /** Whether a row without an id adds a record when apply runs (measurements only). */
  addsRows: boolean;
}

/** The editable cells of each sheet; every other column is the export's reading aid and is not imported. */
export const sheetSpecs: SheetSpec[] = [
  {
    key: 'tree',
    entity: 'node',
    index: 0,
    addsRows: false,
    fields: [{ field: 'title', header: (t) => t.item, kind: 'text', required: true, max: MAX_NODE_TITLE }],
  },
  {
    key: 'actions',
    entity: 'action',
    index: 1,
    addsRows: false,
    fields: [
      { field: 'ownerDepartment', header: (t) => t.ownerDepartment, kind: 'text', max: 100 },
      { field: 'partners', header: (t) => t.partners, kind: 'partners', max: 100 },
      {
        field: 'priority',
        header: (t) => t.priority,
        kind: 'enum',
        required: true,
        options: actionPriorities,
        optionLabels: (l) => l.priority,
      },
      {
        field: 'status',
        header: (t) => t.status,
        kind: 'enum',
        required: true,
        options: actionStatuses,
        optionLabels: (l) => l.actionStatus,
      },
      { field: 'rationale', header: (t) => t.rationale, kind: 'text', required: true, max: 5_000 },
    ],
  },
  {
    key: 'roadmap',
    entity: 'milestone',
    index: 2,
    addsRows: false,
    fields: [
      { field: 'due', header: (t) => t.milestoneDue, kind: 'date', required: true },
      { field: 'title', header: (t) => t.milestone, kind: 'text', required: true, max: 200 },
      {
        field: 'status',
        header: (t) => t.milestoneStatus,
        kind: 'enum',
        required: true,
        options: milestoneStatuses,
        optionLabels: (l) => l.milestoneStatus,
      },
    ],
  },
  {
    key: 'plans',
    entity: 'plan',
    index: 3,
    addsRows: false,
    fields: [
      { field: 'baselineValue', header: (t) => t.baseline, kind: 'number' },
      { field: 'baselineAsOf', header: (t) => t.baselineAsOf, kind: 'month' },
      { field: 'baselineNote', header: (t) => t.baselineNote, kind: 'text', max: 1_000 },
      { field: 'targetValue', header: (t) => t.targetValue, kind: 'number' },
      { field: 'targetBy', header: (t) => t.targetBy, kind: 'month' },
      { field: 'timing', header: (t) => t.timing, kind: 'text', max: 200 },
      { field: 'dataSource', header: (t) => t.dataSource, kind: 'text', max: 200 },
      { field: 'responsible', header: (t) => t.responsible, kind: 'text', max: 200 },
      { field: 'method', header: (t) => t.method, kind: 'text', max: 2_000 },
    ],
  },
  {
    key: 'measurements',
    entity: 'measurement',
    index: 4,
    addsRows: true,
    fields: [
      { field: 'period', header: (t) => t.period, kind: 'month', required: true },
      { field: 'value', header: (t) => t.value, kind: 'number', required: true },
      { field: 'comment', header: (t) => t.comment, kind: 'text', max: 2_000 },
    ],
  },
];

/** The policy action a change of this cell needs (a milestone marked done needs only milestone.complete, as its PATCH). */
export function permissionOf(sheet: WorkbookSheetKey, field: string, to: Value): PolicyAction {
  switch (sheet) {
    case 'tree':
      return 'tree.edit';
    case 'actions':
      return 'action.write';
    case 'roadmap':
      return field === 'status' && to === 'done' ? 'milestone.complete' : 'roadmap.write';
    case 'plans':
      return 'roadmap.write';
    case 'measurements':
      return 'measurement.write';
  }
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────────────

export const columnLetter = (index: number): string => {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
};

interface Meta {
  engagementId: string;
  exportedAt: string;
  locale: LabelLocale;
  treeRevision: number;
  /** `${sheet}|${id}` → the exported version and values. */
  exported: Map<string, { version: number; values: Record<string, Value> }>;
}

/** A row of an editable sheet, typed. */
export interface UploadedRow {
  sheet: WorkbookSheetKey;
  sheetName: string;
  row: number;
  id: string | null;
  version: number | null;
  parent: string;
  /** The visible label cells (for an added measurement: its action and indicator). */
  labelText: string;
  /** The letters of the hidden id column and of the indicator column (what an error about the row names). */
  idLetter: string;
  labelLetter: string;
  values: Record<string, Value>;
  columns: Record<string, { letter: string; header: string }>;
}

export interface ParsedWorkbook {
  meta: Meta;
  rows: UploadedRow[];
  /** The sheets' names in the file, by key. */
  sheetNames: Record<WorkbookSheetKey, string>;
}

const fail = (sheet: string, row: number, column: string, rule: string, message: string): FieldError => ({
  path: `${sheet}!${column}${row}`,
  sheet,
  row,
  column,
  rule,
  message: `${sheet} ${column}${row}: ${message}`,
});

const monthOf = (text: string): string | null => {
  const p = parsePeriod(text, { bareYear: 'none' });
  return p && p.kind !== 'fiscal_year' ? `${p.year}-${String(p.month).padStart(2, '0')}` : null;
};
const dayOf = (text: string): string | null => {
  const p = parsePeriod(text, { bareYear: 'none' });
  return p?.kind === 'date' ? `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}` : null;
};

/** One cell in its domain form, or the reason it cannot be read. */
function readCell(spec: FieldSpec, cell: GridCell | undefined): { value: Value } | { rule: string; message: string } {
  const text = (cell?.text ?? '').trim();
  if (text === '') {
    if (spec.required) return { rule: 'blank', message: 'must not be empty' };
    return { value: spec.kind === 'text' || spec.kind === 'partners' ? '' : null };
  }
  switch (spec.kind) {
    case 'text':
      return spec.max && [...text].length > spec.max ? { rule: 'too_long', message: `at most ${spec.max} characters` } : { value: text };
    case 'partners': {
      const parts = text
        .split(/[、,，\n]/)
        .map((p) => p.trim())
        .filter(Boolean);
      if (parts.length > 30 || parts.some((p) => [...p].length > (spec.max ?? 100)))
        return { rule: 'too_long', message: 'at most 30 partners of 100 characters' };
      return { value: parts.join('、') };
    }
    case 'number': {
      if (cell?.numeric) return { value: Number(text) };
      const normal = text.normalize('NFKC').replace(/[,\s]/g, '');
      return /^-?\d+(\.\d+)?$/.test(normal) ? { value: Number(normal) } : { rule: 'not_a_number', message: `${text} is not a number` };
    }
    case 'month': {
      const m = monthOf(text);
      return m ? { value: m } : { rule: 'not_a_month', message: `${text} is not a month (YYYY-MM)` };
    }
    case 'date': {
      const d = dayOf(text);
      return d ? { value: d } : { rule: 'not_a_date', message: `${text} is not a date (YYYY-MM-DD)` };
    }
    case 'enum': {
      const normal = text.normalize('NFKC');
      for (const code of spec.options ?? []) {
        if (code === normal) return { value: code };
        for (const locale of labelLocales) if (spec.optionLabels?.(labels(locale))[code] === normal) return { value: code };
      }
      const shown = (spec.options ?? []).map((c) => spec.optionLabels?.(labels('ja'))[c] ?? c).join('・');
      return { rule: 'unknown_value', message: `${text} is not one of ${shown}` };
    }
  }
}

function readMeta(sheets: Sheet[], errors: FieldError[]): Meta | null {
  const sheet = sheets.find((s) => s.name === META_SHEET);
  if (!sheet) {
    errors.push({
      path: META_SHEET,
      sheet: META_SHEET,
      rule: 'missing_sheet',
      message: 'This is not a workbook exported by Bansō for import: export the engagement workbook again and edit that one',
    });
    return null;
  }
  const all = [{ row: sheet.headerRow, cells: sheet.header.map((text) => ({ text, numeric: false })) }, ...sheet.rows];
  const kv = new Map<string, string>();
  const exported = new Map<string, { version: number; values: Record<string, Value> }>();
  let table = false;
  for (const r of all) {
    const [a = '', b = '', c = '', d = '', e = ''] = r.cells.map((x) => x.text);
    if (!table) {
      if (a === 'sheet' && b === 'id') table = true;
      else if (a) kv.set(a, b);
      continue;
    }
    const key = `${a}|${b}`;
    const entry = exported.get(key) ?? { version: Number(c), values: {} };
    try {
      entry.values[d] = JSON.parse(e) as Value;
    } catch {
      continue;
    }
    exported.set(key, entry);
  }
  if (kv.get('format') !== WORKBOOK_FORMAT) {
    errors.push({
      path: META_SHEET,
      sheet: META_SHEET,
      rule: 'unknown_format',
      message: `This workbook's format (${kv.get('format') ?? 'none'}) is not ${WORKBOOK_FORMAT}: export it again`,
    });
    return null;
  }
  const locale = kv.get('locale') === 'en' ? 'en' : 'ja';
  return {
    engagementId: kv.get('engagementId') ?? '',
    exportedAt: kv.get('exportedAt') ?? '',
    locale,
    treeRevision: Number(kv.get('treeRevision') ?? 0) || 0,
    exported,
  };
}

/** The sheets → typed rows; errors name the sheet, row and column of every cell that cannot be read. */
export function parseWorkbook(sheets: Sheet[], engagementId: string): { parsed: ParsedWorkbook | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const meta = readMeta(sheets, errors);
  if (!meta) return { parsed: null, errors };
  if (meta.engagementId !== engagementId) {
    errors.push({
      path: META_SHEET,
      sheet: META_SHEET,
      rule: 'other_engagement',
      message: 'This workbook was exported from another engagement',
    });
    return { parsed: null, errors };
  }
  const t = terms(meta.locale);
  const names = workbookSheets(meta.locale);
  const rows: UploadedRow[] = [];
  const sheetNames = {} as Record<WorkbookSheetKey, string>;
  for (const spec of sheetSpecs) {
    const name = names[spec.index]!;
    sheetNames[spec.key] = name;
    const sheet = sheets.find((s) => s.name === name);
    if (!sheet) {
      errors.push({ path: name, sheet: name, rule: 'missing_sheet', message: `The sheet ${name} is missing` });
      continue;
    }
    const col = (header: string) => sheet.header.findIndex((h) => h.trim() === header);
    const where = new Map<string, number>();
    let missing = false;
    for (const [key, header] of [
      ...spec.fields.map((f) => [f.field, f.header(t)] as const),
      ['#id', hiddenHeaders.id] as const,
      ['#version', hiddenHeaders.version] as const,
      ['#parent', hiddenHeaders.parent] as const,
    ]) {
      const index = col(header);
      if (index < 0) {
        errors.push({ ...fail(name, sheet.headerRow, '-', 'missing_column', `the column ${header} is missing`), column: header });
        missing = true;
      } else where.set(key, index);
    }
    if (missing) continue;
    // The first two visible columns name the row for people (an added measurement's action and indicator).
    const labelCols = spec.key === 'measurements' ? [col(t.action), col(t.indicator)] : [];
    for (const r of sheet.rows) {
      const idText = (r.cells[where.get('#id')!]?.text ?? '').trim();
      const cells = spec.fields.map((f) => r.cells[where.get(f.field)!]);
      if (!idText && cells.every((c) => !c || c.text.trim() === '')) continue; // a blank line, an action without milestones, the agreement line
      const values: Record<string, Value> = {};
      const columns: UploadedRow['columns'] = {};
      spec.fields.forEach((f, i) => {
        const letter = columnLetter(where.get(f.field)!);
        columns[f.field] = { letter, header: f.header(t) };
        const read = readCell(f, cells[i]);
        if ('rule' in read) errors.push(fail(name, r.row, letter, read.rule, `${f.header(t)}: ${read.message}`));
        else values[f.field] = read.value;
      });
      const versionText = (r.cells[where.get('#version')!]?.text ?? '').trim();
      const version = versionText === '' ? null : Number(versionText);
      if (idText && (version === null || !Number.isInteger(version)))
        errors.push(fail(name, r.row, columnLetter(where.get('#version')!), 'bad_version', 'the hidden version is not a number'));
      rows.push({
        sheet: spec.key,
        sheetName: name,
        row: r.row,
        id: idText || null,
        version,
        parent: (r.cells[where.get('#parent')!]?.text ?? '').trim(),
        labelText: labelCols.map((c) => (c >= 0 ? (r.cells[c]?.text ?? '').trim() : '')).join(' / '),
        idLetter: columnLetter(where.get('#id')!),
        labelLetter: labelCols[1] !== undefined && labelCols[1] >= 0 ? columnLetter(labelCols[1]) : columnLetter(where.get('#id')!),
        values,
        columns,
      });
    }
  }
  return { parsed: errors.length === 0 ? { meta, rows, sheetNames } : null, errors };
}

// ── Comparing ────────────────────────────────────────────────────────────────────────────────────

export interface CurrentState {
  rows: Record<WorkbookSheetKey, EditableRow[]>;
  treeRevision: number;
  /** Ids of the uploaded rows that belong to another engagement (looked up by the service). */
  foreignIds: ReadonlySet<string>;
  can: (action: PolicyAction) => boolean;
}

/** What applying would write, beside the preview. */
export interface Plan {
  preview: WorkbookPreview;
  /** `${sheet}|${id}` → the current row. */
  current: Map<string, EditableRow>;
  /** Added measurements with their plan. */
  additions: { row: UploadedRow; planId: string }[];
}

const same = (a: Value | undefined, b: Value | undefined) => (a ?? null) === (b ?? null);

export function diffWorkbook(parsed: ParsedWorkbook, state: CurrentState): { plan: Plan | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const changed: WorkbookChange[] = [];
  const conflicts: WorkbookConflict[] = [];
  const added: WorkbookRowChange[] = [];
  const removed: WorkbookRowChange[] = [];
  const notes: WorkbookPreview['notes'] = [];
  const additions: Plan['additions'] = [];
  let unchanged = 0;
  const current = new Map<string, EditableRow>();
  for (const key of workbookSheetKeys) for (const r of state.rows[key]) current.set(`${key}|${r.id}`, r);
  const plansByLabel = new Map<string, EditableRow[]>();
  for (const p of state.rows.plans) plansByLabel.set(p.label, [...(plansByLabel.get(p.label) ?? []), p]);
  const seen = new Map<string, number>();
  const { meta } = parsed;

  for (const row of parsed.rows) {
    const spec = sheetSpecs.find((s) => s.key === row.sheet)!;
    const idColumn = row.idLetter;
    if (row.id === null) {
      const base = { sheet: row.sheet, sheetName: row.sheetName, row: row.row, entity: spec.entity, id: null, values: row.values };
      if (row.sheet === 'measurements') {
        const byParent = state.rows.plans.find((p) => p.id === row.parent);
        const candidates = byParent ? [byParent] : (plansByLabel.get(row.labelText) ?? []);
        if (candidates.length !== 1) {
          errors.push(
            fail(
              row.sheetName,
              row.row,
              row.labelLetter,
              'unknown_plan',
              candidates.length === 0
                ? `no verification plan is named ${row.labelText || '(blank)'}: copy the action and indicator of an existing row`
                : `${row.labelText} names more than one verification plan`,
            ),
          );
          continue;
        }
        const plan = candidates[0]!;
        additions.push({ row, planId: plan.id });
        added.push({ ...base, label: `${plan.label} ${row.values.period}`, allowed: state.can('measurement.write'), applied: true });
      } else
        added.push({
          ...base,
          label: String(Object.values(row.values).find((v) => typeof v === 'string' && v) ?? ''),
          allowed: false,
          applied: false,
        });
      continue;
    }
    const key = `${row.sheet}|${row.id}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push(
        fail(
          row.sheetName,
          row.row,
          idColumn,
          'duplicate_id',
          `this row repeats row ${first} (a copied row: add new rows without copying the hidden columns)`,
        ),
      );
      continue;
    }
    seen.set(key, row.row);
    const now = current.get(key);
    const exported = meta.exported.get(key);
    if (!now) {
      if (exported) {
        const edited = spec.fields.some((f) => !same(row.values[f.field], exported.values[f.field]));
        if (edited)
          notes.push({
            sheet: row.sheet,
            sheetName: row.sheetName,
            row: row.row,
            column: null,
            code: 'gone_in_banso',
            message: 'deleted in Bansō since the export; its edits are not imported',
          });
        continue;
      }
      errors.push(
        state.foreignIds.has(row.id)
          ? fail(row.sheetName, row.row, idColumn, 'other_engagement', 'this row belongs to another engagement')
          : fail(row.sheetName, row.row, idColumn, 'unknown_id', 'no record of this engagement has this id'),
      );
      continue;
    }
    const unchangedInBanso = row.version === now.version;
    let rowChanged = false;
    for (const f of spec.fields) {
      const uploaded = row.values[f.field] ?? null;
      const cur = now.values[f.field] ?? null;
      const baseline = exported ? (exported.values[f.field] ?? null) : unchangedInBanso ? cur : undefined;
      if (baseline !== undefined && same(uploaded, baseline)) continue;
      if (same(uploaded, cur)) continue;
      rowChanged = true;
      const col = row.columns[f.field]!;
      const common = {
        sheet: row.sheet,
        sheetName: row.sheetName,
        row: row.row,
        entity: spec.entity,
        id: row.id,
        label: now.label,
        field: f.field,
        column: col.letter,
        header: col.header,
        allowed: state.can(permissionOf(row.sheet, f.field, uploaded)),
      };
      if (unchangedInBanso || (baseline !== undefined && same(cur, baseline))) {
        if (row.sheet === 'actions' && f.field === 'status' && !canMoveAction(cur as never, uploaded as never)) {
          errors.push(
            fail(row.sheetName, row.row, col.letter, 'transition_not_allowed', `an action cannot move from ${cur} to ${uploaded}`),
          );
          continue;
        }
        changed.push({ ...common, from: cur, to: uploaded });
      } else
        conflicts.push({
          ...common,
          key: `${row.sheet}!${col.letter}${row.row}`,
          exported: baseline ?? null,
          current: cur,
          uploaded,
        });
    }
    if (!rowChanged) unchanged++;
  }

  // Exported rows the upload no longer has.
  const uploadedIds = new Set(parsed.rows.flatMap((r) => (r.id ? [`${r.sheet}|${r.id}`] : [])));
  for (const [key, exported] of meta.exported) {
    if (uploadedIds.has(key)) continue;
    const now = current.get(key);
    if (!now) continue;
    const sheet = key.slice(0, key.indexOf('|')) as WorkbookSheetKey;
    const spec = sheetSpecs.find((s) => s.key === sheet);
    if (!spec) continue;
    // Removed only when Bansō did not change it since the export: a row changed meanwhile is never taken away silently.
    const applies = spec.addsRows && now.version === exported.version;
    removed.push({
      sheet,
      sheetName: parsed.sheetNames[sheet],
      row: 0,
      entity: spec.entity,
      id: now.id,
      label: now.label,
      values: now.values,
      allowed: state.can(permissionOf(sheet, '', null)),
      applied: applies,
    });
  }

  // One value per plan and period, as the record will stand.
  const periods = new Map<string, string>();
  const gone = new Set(removed.filter((r) => r.applied).map((r) => r.id));
  const uploadedMeasurements = new Map(parsed.rows.filter((r) => r.sheet === 'measurements' && r.id).map((r) => [r.id!, r]));
  for (const m of state.rows.measurements) {
    if (gone.has(m.id)) continue;
    const up = uploadedMeasurements.get(m.id);
    const period = String((up ? up.values.period : m.values.period) ?? '');
    periods.set(`${m.parent}|${period}`, up ? `${up.sheetName} ${up.row}` : 'Bansō');
  }
  for (const a of additions) {
    const k = `${a.planId}|${a.row.values.period}`;
    const taken = periods.get(k);
    if (taken)
      errors.push(
        fail(
          a.row.sheetName,
          a.row.row,
          a.row.columns.period!.letter,
          'period_taken',
          `the plan already has a value for ${a.row.values.period} (${taken})`,
        ),
      );
    periods.set(k, `${a.row.sheetName} ${a.row.row}`);
  }

  if (errors.length > 0) return { plan: null, errors };
  // The preview's ETag: what would change and what Bansō holds in those cells now (not versions: an edit elsewhere does not affect it).
  const digest = createHash('sha256').update(JSON.stringify({ changed, conflicts, added, removed })).digest('hex').slice(0, 32);
  return {
    plan: {
      preview: {
        engagementId: meta.engagementId,
        exportedAt: meta.exportedAt,
        exportedRevision: meta.treeRevision,
        treeRevision: state.treeRevision,
        digest,
        changed,
        added,
        removed,
        conflicts,
        notes,
        unchanged,
      },
      current,
      additions,
    },
    errors,
  };
}
