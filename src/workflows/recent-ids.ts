/**
 * A bounded, insertion-ordered set of recently seen ids: signals re-sent by a retried ingest are
 * dropped without keeping every id of a long conversation in workflow state.
 */
export class RecentIds {
  static readonly capacity = 500;
  private readonly ids: Set<string>;

  constructor(initial: string[]) {
    this.ids = new Set(initial.slice(-RecentIds.capacity));
  }

  /** Adds the id; false when it was already seen. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > RecentIds.capacity) this.ids.delete(this.ids.values().next().value!);
    return true;
  }

  toArray(): string[] {
    return [...this.ids];
  }
}
