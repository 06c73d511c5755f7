/** The REST plan body as the device receives it (protocol Plan), through the server's own conversion. */
import type { Plan } from '@streetlight/protocol/lean';
import { draftPlanSchema, draftToProto } from '@streetlight/fleet-server';

const cache = new WeakMap<object, Plan>();
export function encodePlanForTest(body: object): Plan {
  let p = cache.get(body);
  if (!p) {
    p = draftToProto(draftPlanSchema.parse(body));
    cache.set(body, p);
  }
  return p;
}
