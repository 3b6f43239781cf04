import { type Report, reportNarrativeKeys, type ReportNarratives, type ReportNarrativesPatch } from '@banso/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../../lib/api-error';
import type { useUpdateReport } from '../../../api/reports/update-report';

export type ReportDraft = { title: string; narratives: ReportNarratives };

/** How long typing must pause before the draft is saved. */
export const AUTOSAVE_DELAY_MS = 1500;

const fromReport = (r: Report): ReportDraft => ({ title: r.title, narratives: r.narratives });

/** What of the draft differs from the report: the body of the PATCH, empty when nothing changed. */
function changes(report: ReportDraft, draft: ReportDraft): { title?: string; narratives?: ReportNarrativesPatch } {
  const narratives: ReportNarrativesPatch = {};
  for (const k of reportNarrativeKeys) if (draft.narratives[k] !== report.narratives[k]) narratives[k] = draft.narratives[k];
  const byTheme: Record<string, string> = {};
  for (const [id, text] of Object.entries(draft.narratives.byTheme)) if (text !== (report.narratives.byTheme[id] ?? '')) byTheme[id] = text;
  if (Object.keys(byTheme).length) narratives.byTheme = byTheme;
  return {
    ...(draft.title !== report.title ? { title: draft.title } : {}),
    ...(Object.keys(narratives).length ? { narratives } : {}),
  };
}

/**
 * A newer report (our own save or someone else's) replaces only what the user has not touched since
 * the last one: a field still equal to its old value takes the new value, a field being typed keeps
 * the typing. A three-way merge per field (and per theme), so an autosave answering mid-sentence loses nothing.
 */
function rebase(draft: ReportDraft, base: ReportDraft, next: ReportDraft): ReportDraft {
  const pick = <T>(mine: T, old: T, theirs: T) => (mine === old ? theirs : mine);
  const narratives: ReportNarratives = { ...next.narratives, byTheme: { ...next.narratives.byTheme } };
  for (const k of reportNarrativeKeys) narratives[k] = pick(draft.narratives[k], base.narratives[k], next.narratives[k]);
  const themes = new Set([...Object.keys(draft.narratives.byTheme), ...Object.keys(next.narratives.byTheme)]);
  for (const id of themes)
    narratives.byTheme[id] = pick(draft.narratives.byTheme[id] ?? '', base.narratives.byTheme[id] ?? '', next.narratives.byTheme[id] ?? '');
  return { title: pick(draft.title, base.title, next.title), narratives };
}

const storageKey = (reportId: string) => `banso.report-draft.${reportId}`;

function restore(report: Report): ReportDraft {
  try {
    const raw = localStorage.getItem(storageKey(report.id));
    if (!raw) return fromReport(report);
    const kept = JSON.parse(raw) as { version: number; draft: ReportDraft };
    // a draft typed on another version of the report would overwrite what was saved since
    if (kept.version !== report.version) return fromReport(report);
    // a draft kept before the report had these fields (issue 16) lacks them: the report's fill in
    return {
      title: kept.draft.title,
      narratives: {
        ...report.narratives,
        ...kept.draft.narratives,
        byTheme: { ...report.narratives.byTheme, ...kept.draft.narratives.byTheme },
      },
    };
  } catch {
    return fromReport(report);
  }
}

/**
 * The working copy of a draft report's title and narratives: saved by itself once typing pauses,
 * saved again when the user leaves the page inside the app, kept in this browser until the server
 * has it (a closed tab or a failed save does not lose the text), and guarded by the browser's
 * "leave this page?" prompt while unsaved.
 */
export function useReportDraft(report: Report, editable: boolean, update: ReturnType<typeof useUpdateReport>) {
  const [draft, setDraft] = useState<ReportDraft>(() => (editable ? restore(report) : fromReport(report)));
  const [base, setBase] = useState({ id: report.id, version: report.version, content: fromReport(report) });
  if (base.id !== report.id || base.version !== report.version) {
    // adjusting state to a new prop while rendering, as React documents it
    const next = fromReport(report);
    setBase({ id: report.id, version: report.version, content: next });
    if (base.id !== report.id) setDraft(editable ? restore(report) : next);
    else setDraft(rebase(draft, base.content, next));
  }

  const body = changes(base.content, draft);
  const dirty = editable && Object.keys(body).length > 0;
  // a refusal (412 someone else saved, 409 published meanwhile) stops autosaving until the user acts
  const refused = isApiError(update.error) && update.error.status < 500 && update.error.status !== 429;

  const save = useCallback(() => {
    if (!dirty || update.isPending) return;
    update.mutate({ reportId: report.id, version: report.version, body });
  }, [dirty, update, report.id, report.version, body]);

  useEffect(() => {
    if (!editable) return;
    if (dirty) localStorage.setItem(storageKey(report.id), JSON.stringify({ version: report.version, draft }));
    else localStorage.removeItem(storageKey(report.id));
  }, [editable, dirty, draft, report.id, report.version]);

  useEffect(() => {
    if (!dirty || refused || update.isPending) return;
    const timer = setTimeout(save, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [dirty, refused, update.isPending, save]);

  const latest = useRef({ dirty, save, refused });
  latest.current = { dirty, save, refused };
  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (latest.current.dirty) e.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      // leaving for another page of the app: the mutation outlives the page
      if (latest.current.dirty && !latest.current.refused) latest.current.save();
    };
  }, []);

  return { draft, setDraft, dirty, save };
}
