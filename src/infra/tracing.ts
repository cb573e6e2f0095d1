import {
  type Attributes,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  type SpanOptions,
  SpanStatusCode,
  type Context as TraceContext,
  trace,
} from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

export type { Span, TraceContext };

export interface TracingOptions {
  /** Exports spans here synchronously instead of over OTLP (tests use an in-memory exporter). */
  spanExporter?: SpanExporter;
}

export interface Tracing {
  readonly enabled: boolean;
  /** Flushes pending spans and unregisters the SDK from the OpenTelemetry API. */
  shutdown(): Promise<void>;
}

const TRACER_NAME = 'linkedin-posts-api';
let enabled = false;

/**
 * Starts the OpenTelemetry SDK when FEATURE_TRACING is on (or a test hands in an exporter).
 * The SDK is imported only then: with tracing off nothing but the tiny API package is loaded
 * and every helper below is a plain function call.
 * The OTLP exporter, sampler and resource read the standard OTEL_* variables.
 */
export async function startTracing(featureEnabled: boolean, options: TracingOptions = {}): Promise<Tracing> {
  if (!featureEnabled && !options.spanExporter) return { enabled: false, shutdown: async () => {} };
  const [{ NodeTracerProvider }, { BatchSpanProcessor, SimpleSpanProcessor }, resources, { ATTR_SERVICE_NAME }] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/semantic-conventions'),
  ]);
  const processor = options.spanExporter
    ? new SimpleSpanProcessor(options.spanExporter)
    : new BatchSpanProcessor(new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter());
  const resource = resources
    .resourceFromAttributes({ [ATTR_SERVICE_NAME]: TRACER_NAME })
    .merge(resources.detectResources({ detectors: [resources.envDetector] }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  provider.register();
  enabled = true;
  return {
    enabled: true,
    async shutdown() {
      enabled = false;
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}

const tracer = () => trace.getTracer(TRACER_NAME);

/** Runs `fn` inside a new active span (child of the current one), ending it when `fn` settles. */
export function withSpan<T>(name: string, attributes: Attributes, fn: (span?: Span) => T, options: SpanOptions = {}): T {
  if (!enabled) return fn();
  return tracer().startActiveSpan(name, { ...options, attributes: { ...options.attributes, ...attributes } }, (span) => {
    const fail = (error: unknown) => {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    try {
      const result = fn(span);
      if (result instanceof Promise) {
        return result.then(
          (value) => {
            span.end();
            return value;
          },
          (error: unknown) => {
            fail(error);
            throw error;
          },
        ) as T;
      }
      span.end();
      return result;
    } catch (error) {
      fail(error);
      throw error;
    }
  });
}

/** Starts a span that the caller ends; it is not made active. */
export function startSpan(name: string, attributes: Attributes, options: SpanOptions = {}, parent?: TraceContext): Span | undefined {
  if (!enabled) return undefined;
  return tracer().startSpan(name, { ...options, attributes: { ...options.attributes, ...attributes } }, parent ?? context.active());
}

/** The current trace context as W3C headers (`traceparent`, `tracestate`), e.g. to store with a queued job. */
export function injectTraceContext(): Record<string, string> {
  const carrier: Record<string, string> = {};
  if (enabled) propagation.inject(context.active(), carrier);
  return carrier;
}

/** A context whose parent is the trace in `carrier` (W3C headers); run work in it with `runInTraceContext`. */
export function extractTraceContext(carrier: Record<string, string | string[] | undefined>): TraceContext {
  if (!enabled) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, carrier, {
    get: (c, key) => c[key],
    keys: (c) => Object.keys(c),
  });
}

export function runInTraceContext<T>(ctx: TraceContext, fn: () => T): T {
  return enabled ? context.with(ctx, fn) : fn();
}

/** Trace and span ids of the active span, for log lines; empty when tracing is off. */
export function activeTraceIds(): { traceId?: string; spanId?: string } {
  if (!enabled) return {};
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}
