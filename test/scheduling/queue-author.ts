import { encodeGlobalID } from '@pothos/plugin-relay';
import type { PublishingTestApp } from '../publishing/publishing-app.js';

export const SET_SCHEDULE = `mutation ($w: ID!, $a: ID!, $input: PostingScheduleInput!) {
  setPostingSchedule(workspaceId: $w, accountId: $a, input: $input) { account accountName timeZone slots { weekday time } }
}`;

export type WeeklySchedule = { timeZone: string; slots: { weekday: number; time: string }[] };

/** An author with a connected account and their personal workspace, whose posting schedule they set. */
export async function queueAuthor(p: PublishingTestApp, name: string) {
  const user = await p.t.signUp(name);
  const accountId = encodeGlobalID('LinkedInAccount', await p.connect(user.id));
  const me = await p.t.gql<{ me: { workspaces: { edges: { node: { id: string } }[] } } }>(
    '{ me { workspaces { edges { node { id } } } } }',
    {},
    { token: user.token },
  );
  const workspaceId = me.data!.me.workspaces.edges[0]!.node.id;
  const setSchedule = (input: WeeklySchedule) => p.t.gql(SET_SCHEDULE, { w: workspaceId, a: accountId, input }, { token: user.token });
  return { ...user, accountId, workspaceId, setSchedule };
}
