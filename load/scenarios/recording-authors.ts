import type { ScenarioContext } from './types.js';

/**
 * Authors who may record engagement for every post of theirs the fixtures hold. The seeded team's members are
 * left out: their newest posts are mostly the team's, which only its OWNERs, ADMINs and EDITORs may record for,
 * so a request from one of its VIEWERs would be refused (FORBIDDEN). Outsiders record for posts of their
 * personal workspace.
 */
export function recordingAuthors(ctx: ScenarioContext) {
  const team = new Set(ctx.fixtures.team?.members.map((m) => m.id));
  const outsiders = ctx.fixtures.users.filter((u) => u.postIds.length > 0 && !team.has(u.id));
  // A dataset of team members only (none such is seeded) still records, as its authors.
  return outsiders.length ? outsiders : ctx.fixtures.users.filter((u) => u.postIds.length > 0);
}
