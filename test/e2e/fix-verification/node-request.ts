/** One request from Node's HTTP client straight to a server: no browser rules, so any Origin and any header. */
import http from 'node:http';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Header names and values as sent, in order. */
  rawHeaders: { name: string; value: string }[];
  body: string;
}

/** One request from Node's HTTP client (no browser rules: any Origin, any header), and the whole answer. */
export function send(url: string, method: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, headers, lookup: (_h, _o, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }]) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = res.rawHeaders;
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            rawHeaders: Array.from({ length: raw.length / 2 }, (_, i) => ({
              name: raw[2 * i]!,
              value: raw[2 * i + 1]!,
            })),
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
