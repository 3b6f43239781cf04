/**
 * A child process of the bench (`fork` with `--import tsx`): holds server-sent-events readers of one
 * engagement, outside the API's process, and records when each tree revision reaches each of them
 * (wall clock in ms with sub-ms precision, `performance.timeOrigin + performance.now()`, comparable
 * across processes of one machine). Talks to the bench over IPC:
 *   → { type: 'open', url, cookies }   ← { type: 'ready', opened, failed }
 *   → { type: 'report' }               ← { type: 'report', arrivals: { [revision]: ms[] }, ended }, then exits.
 */
import http from 'node:http';

export type ToReaders = { type: 'open'; url: string; cookies: string[] } | { type: 'report' };
export type FromReaders =
  { type: 'ready'; opened: number; failed: string[] } | { type: 'report'; arrivals: Record<string, number[]>; ended: number };

const now = () => performance.timeOrigin + performance.now();
const arrivals = new Map<number, number[]>();
const requests: http.ClientRequest[] = [];
let ended = 0;

/** Opens one stream; resolves once its first comment (`: <lastId>`) has arrived, so the hub holds it. */
function open(url: string, cookie: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`status ${res.statusCode}`));
        res.resume();
        return;
      }
      let buffer = '';
      let first = true;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const at = now();
        buffer += chunk;
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (first) {
            first = false;
            resolve();
          }
          if (block.startsWith('event: end')) ended++;
          const data = block.indexOf('\ndata: ');
          if (data < 0) continue;
          const event = JSON.parse(block.slice(data + 7)) as { kind: string; data: { revision?: number } };
          if (event.kind !== 'tree.revision' || typeof event.data.revision !== 'number') continue;
          let list = arrivals.get(event.data.revision);
          if (!list) arrivals.set(event.data.revision, (list = []));
          list.push(at);
        }
      });
    });
    req.on('error', reject);
    requests.push(req);
  });
}

const send = (m: FromReaders) => process.send?.(m);

process.on('message', (m: ToReaders) => {
  if (m.type === 'open') {
    void Promise.allSettled(m.cookies.map((cookie) => open(m.url, cookie))).then((results) => {
      const failed = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
      send({ type: 'ready', opened: results.length - failed.length, failed: failed.slice(0, 5) });
    });
  } else {
    send({ type: 'report', arrivals: Object.fromEntries(arrivals), ended });
    for (const req of requests) req.destroy();
    process.disconnect();
  }
});
