import { useOnResolve } from '@envelop/on-resolve';
import { type ExecutionArgs, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { withSpan } from '../../infra/tracing.js';
import type { Context } from '../context.js';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

const operationAttributes = (args: ExecutionArgs) => {
  const operation = getOperationAST(args.document, args.operationName);
  return {
    'graphql.operation.name': operation?.name?.value ?? args.operationName ?? 'anonymous',
    'graphql.operation.type': operation?.operation ?? 'query',
  };
};

/**
 * Spans for GraphQL parse, validate, execute (or subscribe) and each root field's resolver:
 * the fields that call services. Nested fields are batched loaders and would only add noise.
 * Installed only when tracing is on.
 */
export function useTracing(): Plugin<Context> {
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(
        useOnResolve(({ info, resolver, replaceResolver }) => {
          if (!ROOT_TYPES.has(info.parentType.name)) return;
          const name = `graphql.resolve ${info.parentType.name}.${info.fieldName}`;
          replaceResolver((root, args, context, resolveInfo) =>
            withSpan(name, { 'graphql.field.path': `${info.parentType.name}.${info.fieldName}` }, () => resolver(root, args, context, resolveInfo)),
          );
        }),
      );
    },
    onParse({ parseFn, setParseFn }) {
      setParseFn((source, options) => withSpan('graphql.parse', {}, () => parseFn(source, options)));
    },
    onValidate({ validateFn, setValidationFn }) {
      setValidationFn((schema, document, rules, typeInfo, options) =>
        withSpan('graphql.validate', {}, () => validateFn(schema, document, rules, typeInfo, options)),
      );
    },
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) => withSpan('graphql.execute', operationAttributes(args), () => executeFn(args)));
    },
    onSubscribe({ subscribeFn, setSubscribeFn }) {
      setSubscribeFn((args) => withSpan('graphql.subscribe', operationAttributes(args), () => subscribeFn(args)));
    },
  };
}
