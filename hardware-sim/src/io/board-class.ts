/**
 * Per-board IO classes over one shared implementation.
 *
 * The Host gives the firmware IO *classes* (`new device.io.Serial({...})`), and each board's class is bound to
 * that board's pins. Declaring a class per board (a class expression in a factory) gives every board its own
 * hidden classes: with hundreds of boards in one process, every property access and call in the shared code
 * (the firmware's drivers, the simulator's own methods) sees hundreds of object shapes, goes megamorphic in
 * V8, and a simulated month of 200 boards ran several times slower per board than one of 20. So each IO kind
 * has a single implementation class taking the board as its first argument, and the per-board "class" is a
 * constructor function that returns an instance of it (`new F()` returns the object F returns). Instances
 * therefore do not pass `instanceof` the per-board constructor; nothing in the ECMA-419 pattern asks for it.
 */
export function boardClass<C>(name: string, make: (options: never) => object, statics: Record<string, unknown> = {}): C {
  const ctor = {
    [name]: function (this: unknown, options: never): object {
      if (new.target === undefined) throw new TypeError(`Class constructor ${name} cannot be invoked without 'new'`);
      return make(options);
    },
  }[name] as (...args: never[]) => object;
  for (const [k, v] of Object.entries(statics)) Object.defineProperty(ctor, k, { value: v, enumerable: true });
  return ctor as unknown as C;
}
