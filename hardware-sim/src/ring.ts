/** Fixed-capacity ring buffer: keeps the most recent `capacity` items. */
export class RingBuffer<T> {
  readonly #items: (T | undefined)[] = [];
  #start = 0;
  #dropped = 0;
  constructor(readonly capacity: number) {
    if (!(capacity >= 1) || !Number.isInteger(capacity)) throw new RangeError('capacity must be an integer >= 1');
  }
  push(item: T): void {
    if (this.#items.length < this.capacity) {
      this.#items.push(item);
    } else {
      this.#items[this.#start] = item;
      this.#start = (this.#start + 1) % this.capacity;
      this.#dropped++;
    }
  }
  get length(): number { return this.#items.length; }
  /** Items dropped because the buffer was full. */
  get dropped(): number { return this.#dropped; }
  /** Items, oldest first. */
  toArray(): T[] {
    const n = this.#items.length;
    const out: T[] = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = this.#items[(this.#start + i) % n] as T;
    return out;
  }
  last(): T | undefined {
    const n = this.#items.length;
    return n === 0 ? undefined : this.#items[(this.#start + n - 1) % n];
  }
  clear(): void {
    this.#items.length = 0;
    this.#start = 0;
  }
}
