/**
 * Indexed binary min-heap of items with a `nextAt` time. Each item remembers its
 * position, so rescheduling one agent is O(log n) without stale entries. Ties are
 * broken by `order` so the application order is fully deterministic.
 */
export interface Scheduled {
  nextAt: number;
  order: number;
  heapIndex: number;
}

export class ScheduleHeap<T extends Scheduled> {
  private items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  /** Build from many items at once (O(n)). */
  fill(items: T[]): void {
    this.items = items.slice();
    this.items.forEach((item, i) => (item.heapIndex = i));
    for (let i = (this.items.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  push(item: T): void {
    item.heapIndex = this.items.length;
    this.items.push(item);
    this.up(item.heapIndex);
  }

  /** Call after changing `item.nextAt`. */
  update(item: T): void {
    const i = item.heapIndex;
    if (i < 0 || this.items[i] !== item) {
      this.push(item);
      return;
    }
    this.up(i);
    this.down(item.heapIndex);
  }

  private less(a: T, b: T): boolean {
    return a.nextAt < b.nextAt || (a.nextAt === b.nextAt && a.order < b.order);
  }

  private swap(i: number, j: number): void {
    const a = this.items[i]!;
    const b = this.items[j]!;
    this.items[i] = b;
    this.items[j] = a;
    b.heapIndex = i;
    a.heapIndex = j;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(this.items[i]!, this.items[parent]!)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(this.items[l]!, this.items[m]!)) m = l;
      if (r < n && this.less(this.items[r]!, this.items[m]!)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
