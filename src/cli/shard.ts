/**
 * `audit --shard i/n`: the i-th of n contiguous slices of the ordered URL list, sized as
 * `playwright test --shard` sizes them (filterForShard in Playwright's runner: floor(total / n)
 * each, the remainder one apiece to the first shards). Contiguous slices keep each shard's pages in
 * the list's order, so merge-reports can lay the shards end to end and get the unsharded order.
 */
import type { Shard } from './options.ts';

export function shardSlice(total: number, shard: Shard): { from: number; to: number } {
  const base = Math.floor(total / shard.total);
  const remainder = total - base * shard.total;
  const size = (i: number) => base + (i < remainder ? 1 : 0);
  let from = 0;
  for (let i = 0; i < shard.current - 1; i++) from += size(i);
  return { from, to: from + size(shard.current - 1) };
}

export function shardOf<T>(items: readonly T[], shard: Shard): T[] {
  const { from, to } = shardSlice(items.length, shard);
  return items.slice(from, to);
}
