/**
 * The architecture, written down and checked in CI (`npm run lint:deps`). The layers, bottom up:
 *
 *   shared/            framework-free basics (errors, the viewer, async helpers)
 *   config.ts, config/ every environment variable, one file per area (config.ts assembles them)
 *   infra/             adapters to the outside world: database, Redis, queues, metrics, logs, traces
 *   modules/<name>/    the domain: services and rules (framework-free), schema files (*.schema.ts)
 *   response-cache/    one feature: store, invalidator, edge look-up, storing plugin, policy
 *   graphql/           the GraphQL layer: builder, context, server, errors, scalars, plugins
 *   http/              the node:http edge: routes, CORS, CSRF, body, caller, admission, WebSocket
 *   server-context.ts  the one interface between http/ and graphql/
 *   runtime.ts, services.ts, app.ts, index.ts, worker.ts   composition roots
 *
 * A rule changes only with a reason, said in its comment.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make load order matter and layers meaningless.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-is-the-ground',
      severity: 'error',
      comment: 'shared/ is used by every layer, so it imports none of them.',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/shared/' },
    },
    {
      name: 'config-is-read-first',
      severity: 'error',
      comment: 'The configuration is read before anything starts, so it imports nothing of ours but shared/.',
      from: { path: '^src/config(\\.ts$|/)' },
      to: { path: '^src/', pathNot: '^src/(config(\\.ts$|/)|shared/)' },
    },
    {
      name: 'infra-knows-no-domain',
      severity: 'error',
      comment: 'Adapters know nothing of the domain, GraphQL or the edge: they are generic over what they carry.',
      from: { path: '^src/infra/' },
      to: { path: '^src/(modules|graphql|http|response-cache|server-context|services|runtime|app)' },
    },
    {
      name: 'edge-speaks-only-the-interface',
      severity: 'error',
      comment: 'http/ reaches GraphQL only through src/server-context.ts; the app composes the two.',
      from: { path: '^src/http/' },
      to: { path: '^src/(graphql|response-cache|modules|services|runtime|app)' },
    },
    {
      name: 'graphql-knows-no-edge',
      severity: 'error',
      comment: 'The GraphQL layer gets what the edge decided as its server context; it never reaches into node:http.',
      from: { path: '^src/graphql/' },
      to: { path: '^src/(http|response-cache|runtime|app)' },
    },
    {
      name: 'response-cache-stands-alone',
      severity: 'error',
      comment: 'The cache is one feature: the app hands it the schema and a way to run requests; it imports neither.',
      from: { path: '^src/response-cache/' },
      to: { path: '^src/(http|graphql|modules|services|runtime|app)' },
    },
    {
      name: 'modules-below-the-roots',
      severity: 'error',
      comment: 'Modules are composed by services.ts and the runtime; they never import the roots or the edge.',
      from: { path: '^src/modules/' },
      to: { path: '^src/(http|services|runtime|app|index|worker)' },
    },
    {
      name: 'services-are-framework-free',
      severity: 'error',
      comment: 'Services and rules hold the domain and know nothing of GraphQL; only *.schema.ts files speak it.',
      from: { path: '^src/modules/.+\\.(service|rules)\\.ts$' },
      to: { path: ['^src/graphql/', 'node_modules/(graphql|graphql-yoga|@pothos)/'] },
    },
    {
      name: 'modules-use-each-others-public-files',
      severity: 'error',
      comment:
        'A module reaches into another only through its public files: *.service.ts, *.rules.ts, *.schema.ts (types to extend), *.types.ts, *.module.ts.',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '\\.(service|rules|schema|types|module)\\.ts$'] },
    },
    {
      name: 'roots-are-not-imported',
      severity: 'error',
      comment: 'Entry points and composition roots sit on top: only other roots import them.',
      from: { path: '^src/', pathNot: '^src/(app|index|worker|runtime)\\.ts$' },
      to: { path: '^src/(app|index|worker|runtime)\\.ts$' },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'A file nothing imports is dead (entry points and declarations excepted).',
      from: { orphan: true, pathNot: ['\\.d\\.ts$', '^src/(index|worker)\\.ts$', '^src/graphql/print\\.ts$', '^src/persisted/write-manifest\\.ts$', '^src/commands/(service-token|user-role)\\.ts$'] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
