import type { Database, Subscription } from '../../db/client.js';

/**
 * LISTEN on a channel in the background, trying again every 5 s while it fails (the app starts even
 * while the database is unreachable). `onListening` runs once the subscription stands, to catch up on
 * what was missed meanwhile; `onReconnect` when a dropped connection came back.
 */
export function keepListening(
  database: Database,
  channel: string,
  handlers: { onMessage(payload: string): void; onReconnect?(): void; onListening?(): void },
  log: (err: unknown, msg: string) => void,
): { close(): Promise<void> } {
  let subscription: Subscription | null = null;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;
  const listen = () => {
    if (stopped) return;
    database.listen(channel, handlers.onMessage, handlers.onReconnect).then(
      (s) => {
        if (stopped) void s.close();
        else {
          subscription = s;
          handlers.onListening?.();
        }
      },
      (err: unknown) => {
        log(err, `listening on ${channel} failed; trying again`);
        retry = setTimeout(listen, 5_000);
        retry.unref();
      },
    );
  };
  listen();
  return {
    async close() {
      stopped = true;
      clearTimeout(retry);
      await subscription?.close();
      subscription = null;
    },
  };
}
