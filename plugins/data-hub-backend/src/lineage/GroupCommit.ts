/** How a `GroupCommit` groups its writes. */
export interface GroupCommitOptions {
  /** Writes in flight at once; requests arriving meanwhile wait and go together in the next. */
  concurrency: number;
  /** Items one write takes at most (a single larger submission goes alone). */
  maxItems: number;
}

interface Submission<T> {
  items: T[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: submissions that arrive while `concurrency` writes are in flight wait, and
 * the next free write takes all of them (whole submissions, up to `maxItems` items) in one
 * call. Each submission settles when the write that carried it has, so an answer still means
 * "stored". Under load one statement carries many requests' events, which is what makes one
 * event per request cheap: a round trip to the database costs more than folding the events.
 * When a shared write fails, its submissions are written again one by one, so only the one
 * that cannot be stored fails.
 */
export class GroupCommit<T> {
  private readonly waiting: Submission<T>[] = [];
  private inFlight = 0;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(items: T[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ items, resolve, reject });
      this.next();
    });
  }

  private next() {
    while (this.inFlight < this.options.concurrency && this.waiting.length) {
      const group = this.take();
      this.inFlight += 1;
      this.writeGroup(group).finally(() => {
        this.inFlight -= 1;
        this.next();
      });
    }
  }

  /** Whole submissions from the front, up to `maxItems` items (at least one submission). */
  private take(): Submission<T>[] {
    const group = [this.waiting.shift()!];
    let count = group[0].items.length;
    while (
      this.waiting.length &&
      count + this.waiting[0].items.length <= this.options.maxItems
    ) {
      const submission = this.waiting.shift()!;
      count += submission.items.length;
      group.push(submission);
    }
    return group;
  }

  private async writeGroup(group: Submission<T>[]): Promise<void> {
    try {
      await this.write(group.flatMap(s => s.items));
      group.forEach(s => s.resolve());
    } catch (error) {
      if (group.length === 1) {
        group[0].reject(error);
        return;
      }
      for (const submission of group) {
        await this.write(submission.items).then(
          submission.resolve,
          submission.reject,
        );
      }
    }
  }
}
