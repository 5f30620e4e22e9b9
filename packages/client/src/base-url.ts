// Checks the base URL a client or a session is given, before anything is sent to it.

/** The base URL without trailing slashes; refuses one that cannot work, without quoting it. */
export function checkBaseUrl(baseUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new TypeError('baseUrl is not an absolute URL (expected e.g. https://pbx.example.com/api)');
  }
  if (parsed.username || parsed.password) {
    throw new TypeError('baseUrl must not hold credentials: pass the token as `token` or `getToken`');
  }
  return baseUrl.replace(/\/+$/, '');
}
