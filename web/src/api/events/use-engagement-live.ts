/**
 * The engagement's live updates (GET /engagements/{id}/events as server-sent events): each event
 * refreshes the queries it changes, so every open view shows others' edits without a reload (an
 * open tree editor takes a new revision through its store, rebasing unsaved edits); `presence`
 * frames say who else has the engagement open. The browser's EventSource reconnects by itself and
 * resumes with Last-Event-ID; a stream ended because access was lost is not reopened.
 */
import { type EngagementEvent, EngagementEventSchema, type PresenceEntry, PresenceSchema } from '@banso/shared';
import { type QueryClient, type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { urlOf } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** The queries an event makes stale. */
export function staleAfter(event: EngagementEvent): QueryKey[] {
  const id = event.engagementId;
  switch (event.kind) {
    case 'tree.revision':
      return [queryKeys.tree.current(id), queryKeys.tree.revisions(id), queryKeys.actions(id)];
    case 'engagement.status':
      return [queryKeys.engagements.detail(id), queryKeys.engagements.readiness(id), queryKeys.roadmap(id)];
    case 'finding.changed':
      return [queryKeys.findings(id)];
    case 'milestone.changed':
    case 'measurement.changed':
      return [queryKeys.roadmap(id), queryKeys.engagements.readiness(id)];
    case 'comment.changed':
      return [queryKeys.comments.all(id)];
    case 'access.changed':
      return [queryKeys.members(id), queryKeys.teams.all(id)];
  }
}

/** A revision the cache already holds (the reader's own save) needs no refetch. */
function alreadyHeld(client: QueryClient, event: EngagementEvent): boolean {
  if (event.kind !== 'tree.revision') return false;
  const held = client.getQueryData<{ revision: number }>(queryKeys.tree.current(event.engagementId));
  return held !== undefined && typeof event.data.revision === 'number' && held.revision >= event.data.revision;
}

export interface EngagementLive {
  /** Who has the engagement open now (the reader too, marked `self`). */
  presence: PresenceEntry[];
  /** The stream is open (false while reconnecting, or where EventSource is unavailable). */
  connected: boolean;
}

export function useEngagementLive(engagementId: string): EngagementLive {
  const client = useQueryClient();
  const [presence, setPresence] = useState<PresenceEntry[]>([]);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(urlOf(`/engagements/${enc(engagementId)}/events`), { withCredentials: true });
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.onmessage = (message: MessageEvent<string>) => {
      const parsed = EngagementEventSchema.safeParse(JSON.parse(message.data));
      if (!parsed.success || alreadyHeld(client, parsed.data)) return;
      for (const queryKey of staleAfter(parsed.data)) void client.invalidateQueries({ queryKey });
    };
    source.addEventListener('presence', (message: MessageEvent<string>) => {
      const parsed = PresenceSchema.safeParse(JSON.parse(message.data));
      if (parsed.success) setPresence(parsed.data.users);
    });
    source.addEventListener('end', (message: MessageEvent<string>) => {
      const { reason } = JSON.parse(message.data) as { reason?: string };
      if (reason !== 'access_lost') return; // the server is closing: EventSource comes back by itself
      source.close();
      setConnected(false);
      setPresence([]);
      // What the reader may see has changed: the engagement itself answers what is left.
      void client.invalidateQueries({ queryKey: queryKeys.engagements.detail(engagementId) });
    });
    return () => {
      source.close();
      setConnected(false);
      setPresence([]);
    };
  }, [client, engagementId]);

  return { presence, connected };
}
