/** Writing a streamed report (shared/report.ts streamReport) to a file, waiting when the disk lags. */
import fs from 'node:fs';
import { once } from 'node:events';

export async function toFile<T>(
  file: string,
  produce: (write: (text: string) => Promise<void>) => Promise<T>,
): Promise<T> {
  const out = fs.createWriteStream(file);
  try {
    const result = await produce(async (text) => {
      if (!out.write(text)) await once(out, 'drain');
    });
    out.end();
    await once(out, 'finish');
    return result;
  } catch (e) {
    out.destroy();
    throw e;
  }
}
