import type { DocumentNode, GraphQLSchema } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { Config, SwitchableFeature } from '../../config.js';
import type { ErrorCode } from '../../shared/errors.js';
import { fieldsDeclaring } from '../declared-fields.js';
import { httpStatus } from '../http-status.js';

const CODE: ErrorCode = 'FEATURE_DISABLED';

const featureOf = (extensions: Record<string, unknown>) => (typeof extensions.feature === 'string' ? (extensions.feature as SwitchableFeature) : undefined);

/**
 * Fields of a feature the operator switched off (`extensions: { feature }` in the schema) answer
 * FEATURE_DISABLED before the operation runs, over every transport alike; the rest of the schema is
 * unchanged, so clients built against it keep validating.
 */
export function useFeatureSwitches(features: Config['features']): Plugin {
  const check = ({ schema, document }: { schema: GraphQLSchema; document: DocumentNode }) => {
    const refused = fieldsDeclaring(schema, document, featureOf).filter(({ declared }) => !features[declared]);
    if (!refused.length) return undefined;
    return refused.map(({ declared, field, responseKey }) =>
      createGraphQLError(`${field} is not available: ${declared} is switched off on this server.`, {
        path: [responseKey],
        // Not the client's doing and no use retrying: 403, not a 5xx that would page anyone.
        extensions: { code: CODE, feature: declared, http: httpStatus(403) },
      }),
    );
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const errors = check(args);
      if (errors) setResultAndStopExecution({ errors });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const errors = check(args);
      if (errors) setResultAndStopExecution({ errors });
    },
  };
}
