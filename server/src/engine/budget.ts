/** Thrown inside analysis when a file's time limit has passed; the engine turns it into one "skipped" problem. */
export class AnalysisTimeout extends Error {
  constructor() {
    super('analysis time limit reached');
  }
}

/**
 * A point in time after which analysis of a file stops. Loops over input call `check()` often; it reads the clock
 * only every 256 calls, so it costs next to nothing.
 */
export class Deadline {
  private calls = 0;

  private constructor(private readonly at: number) {}

  static after(ms: number): Deadline {
    return new Deadline(performance.now() + ms);
  }

  /** A deadline that never passes, for callers that bound time some other way. */
  static never(): Deadline {
    return new Deadline(Infinity);
  }

  get expired(): boolean {
    return performance.now() > this.at;
  }

  check(): void {
    if ((++this.calls & 255) === 0 && this.expired) throw new AnalysisTimeout();
  }
}
