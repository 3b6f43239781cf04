/**
 * The cursor of a list ordered by creation time and id (newest first, keyset pagination): opaque to
 * clients, and a cursor this list never returned answers 400 naming `querystring.cursor`.
 */
import { BadRequest } from './errors.js';

export interface TimeKey {
  createdAt: Date;
  id: string;
}

export const encodeTimeCursor = (key: TimeKey): string => Buffer.from(`${key.createdAt.toISOString()}|${key.id}`).toString('base64url');

export function decodeTimeCursor(cursor: string): TimeKey {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (rest.length || !id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(createdAt.getTime()))
    throw new BadRequest('The cursor is not one this list returned', [{ path: 'querystring.cursor', message: 'Unknown cursor' }]);
  return { createdAt, id };
}

/** The cursor of a list ordered by a computed score (bigger first) and id: a ranked search. */
export interface ScoreKey {
  score: number;
  id: string;
}

export const encodeScoreCursor = (key: ScoreKey): string => Buffer.from(`${key.score}|${key.id}`).toString('base64url');

export function decodeScoreCursor(cursor: string): ScoreKey {
  const [score, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const n = Number(score);
  if (rest.length || !id || !/^[0-9a-f-]{36}$/i.test(id) || score === '' || !Number.isFinite(n))
    throw new BadRequest('The cursor is not one this list returned', [{ path: 'querystring.cursor', message: 'Unknown cursor' }]);
  return { score: n, id };
}
