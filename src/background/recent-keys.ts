/** A bounded set of recently seen keys, for dropping duplicate deliveries of one event. */
export class RecentKeys {
  private keys = new Set<string>();

  constructor(private capacity: number) {}

  /** Adds the key; false when it was already there. */
  add(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    if (this.keys.size > this.capacity) this.keys.delete(this.keys.values().next().value!);
    return true;
  }
}
