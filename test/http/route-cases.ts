import { ACCESS_TOKEN_COOKIE } from '../../server/auth/token-transport';
import type { RouteRequest } from './route-http';

/** How a route handler answers a refusal: JSON `{ error }`, a text message (the browser form), or no body (405). */
export type Answer = 'json' | 'text' | 'empty';

export interface RouteCase {
  label: string;
  request: RouteRequest;
  /** The exact status, or 'client error' for any 4xx. */
  status: number | 'client error';
  answers: Answer;
}

/** The session cookie a refused sign-in must not set. */
export const SESSION_COOKIE = `${ACCESS_TOKEN_COOKIE}=`;
