// PostGraphile 5 on the bench database: the peer baseline for the feed scenario.
// Runs under Node >= 22 from load/.cache/postgraphile (see postgraphile-toolchain.ts), started by postgraphile.ts.
import { createServer } from 'node:http';
import { PgSimplifyInflectionPreset } from '@graphile/simplify-inflection';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const preset = {
  extends: [PostGraphileAmberPreset, PgSimplifyInflectionPreset],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ['public'], poolConfig: { max: 10 } })],
  grafserv: { graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
serv.addTo(server).then(() => server.listen(Number(process.env.PORT), '127.0.0.1'));
process.on('SIGTERM', () => {
  server.close();
  pgl.release().then(() => process.exit(0));
});
