// A request naming a host of its choice, as a proxy forwards one: fetch() does not let a test set
// Host; node:http does.
import { request } from 'node:http';

export function requestWithHost(
  base: string,
  path: string,
  host: string,
  init: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; location?: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    request(
      { host: url.hostname, port: url.port, path, method: init.method ?? 'GET', headers: { ...init.headers, host } },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode!, location: res.headers.location });
      },
    )
      .on('error', reject)
      .end();
  });
}
