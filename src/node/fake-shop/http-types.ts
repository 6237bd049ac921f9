/** What the fake shop is asked and answers: plain data, so one handler serves in-process and over HTTP. */

export interface FakeShopRequest {
  method: string;
  /** An absolute URL (https://shop.example.com/wp-json/…) or a path with its query (/wp-json/…). */
  url: string;
  /** Any case; the shop reads them in lower case. */
  headers?: Record<string, string>;
  body?: string;
}

export interface FakeShopResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): FakeShopResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** Header names in lower case, values as text. */
export function lowerHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = String(value);
  return out;
}
