// A binary min-heap of (day, order, item): the simulation's agenda. Ties on a day keep the order items were queued.

export class DayQueue<T> {
  private readonly days: number[] = [];
  private readonly orders: number[] = [];
  private readonly items: T[] = [];
  private counter = 0;

  get size(): number {
    return this.items.length;
  }

  push(day: number, item: T): void {
    this.days.push(day);
    this.orders.push(this.counter++);
    this.items.push(item);
    this.up(this.items.length - 1);
  }

  /** The earliest day queued, or undefined when empty. */
  peekDay(): number | undefined {
    return this.items.length === 0 ? undefined : this.days[0];
  }

  /** Removes and returns the earliest item (call only when not empty). */
  pop(): { day: number; item: T } {
    const day = this.days[0];
    const item = this.items[0];
    const lastDay = this.days.pop()!;
    const lastOrder = this.orders.pop()!;
    const lastItem = this.items.pop()!;
    if (this.items.length > 0) {
      this.days[0] = lastDay;
      this.orders[0] = lastOrder;
      this.items[0] = lastItem;
      this.down(0);
    }
    return { day, item };
  }

  private before(i: number, j: number): boolean {
    return this.days[i] < this.days[j] || (this.days[i] === this.days[j] && this.orders[i] < this.orders[j]);
  }

  private swap(i: number, j: number): void {
    const day = this.days[i];
    const order = this.orders[i];
    const item = this.items[i];
    this.days[i] = this.days[j];
    this.orders[i] = this.orders[j];
    this.items[i] = this.items[j];
    this.days[j] = day;
    this.orders[j] = order;
    this.items[j] = item;
  }

  private up(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(index: number): void {
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.items.length && this.before(left, smallest)) smallest = left;
      if (right < this.items.length && this.before(right, smallest)) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}
