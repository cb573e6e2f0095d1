/** The runner's `k6/metrics` module: the custom metrics the scripts define. */
import { add, type MetricType, metric } from './registry.js';

abstract class CustomMetric {
  protected abstract readonly type: MetricType;
  constructor(
    readonly name: string,
    readonly isTime = false,
  ) {}

  protected register(): this {
    metric(this.name, this.type, this.isTime);
    return this;
  }

  add(value: number | boolean): void {
    add(this.name, this.type, value, this.isTime);
  }
}

export class Counter extends CustomMetric {
  protected readonly type = 'counter';
  constructor(name: string) {
    super(name);
    this.register();
  }
}

/** The share of non-zero (true) values added. */
export class Rate extends CustomMetric {
  protected readonly type = 'rate';
  constructor(name: string) {
    super(name);
    this.register();
  }
}

export class Trend extends CustomMetric {
  protected readonly type = 'trend';
  constructor(name: string, isTime = false) {
    super(name, isTime);
    this.register();
  }
}
