/** Reads a log a page at a time, oldest first, until a page comes back empty (worker, Node API, panel snapshot). */
export async function* pagesBySeq<T extends { seq: number }>(
  read: (afterSeq: number | undefined) => Promise<T[]>,
): AsyncGenerator<T[]> {
  let after: number | undefined;
  for (;;) {
    const page = await read(after);
    if (page.length === 0) return;
    yield page;
    after = page.at(-1)!.seq;
  }
}
