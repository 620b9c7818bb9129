/** Thrown inside analysis when a file's time limit has passed; the engine turns it into one "skipped" problem. */
export class AnalysisTimeout extends Error {
  constructor() {
    super('analysis time limit reached');
  }
}

/**
 * A point in time after which analysis of a file stops, or the moment its caller interrupts it (a newer version of
 * the file is waiting, or it needs too much memory). Loops over input call `check()` often; it reads the clock only
 * every 256 calls, so it costs next to nothing.
 */
export class Deadline {
  private calls = 0;

  private constructor(
    private readonly at: number,
    private readonly interrupted: () => boolean = () => false,
  ) {}

  static after(ms: number, interrupted?: () => boolean): Deadline {
    return new Deadline(performance.now() + ms, interrupted);
  }

  /** A deadline that never passes, for callers that bound time some other way. */
  static never(): Deadline {
    return new Deadline(Infinity);
  }

  get expired(): boolean {
    return performance.now() > this.at || this.interrupted();
  }

  check(): void {
    if ((++this.calls & 255) === 0 && this.expired) throw new AnalysisTimeout();
  }
}
